using System.Management.Automation;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Commands;

/// <summary>ConvertFrom-CudaImage: each image as bytes in memory: encoded (-Format, as a byte array or written into
/// a stream) or raw RGBA pixels (-Raw). The images are not disposed.</summary>
[Cmdlet(VerbsData.ConvertFrom, "CudaImage", DefaultParameterSetName = EncodedSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(byte[]), ParameterSetName = [EncodedSet, RawSet])]
public sealed class ConvertFromCudaImageCommand : PhotoFFCommand
{
    private const string EncodedSet = "Encoded";
    private const string StreamSet = "Stream";
    private const string RawSet = "Raw";

    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    /// <summary>The encoded format. Default Png.</summary>
    [Parameter(ParameterSetName = EncodedSet)]
    [Parameter(ParameterSetName = StreamSet)]
    public ImageFormat Format { get; set; } = ImageFormat.Png;

    /// <summary>Quality for lossy formats (Jpeg, Webp, Avif), 1 to 100; the format's default when omitted.</summary>
    [Parameter(ParameterSetName = EncodedSet)]
    [Parameter(ParameterSetName = StreamSet)]
    [ValidateRange(1, 100)]
    public int Quality { get; set; }

    /// <summary>Keeps the EXIF, XMP and ICC blocks the image was imported with (stripped by default).</summary>
    [Parameter(ParameterSetName = EncodedSet)]
    [Parameter(ParameterSetName = StreamSet)]
    public SwitchParameter KeepMetadata { get; set; }

    /// <summary>With -KeepMetadata: the parts to leave out (Gps, Camera, Xmp, Icc, Thumbnail).</summary>
    [Parameter(ParameterSetName = EncodedSet)]
    [Parameter(ParameterSetName = StreamSet)]
    [ValidateNotNull]
    public MetadataGroup[] ExcludeMetadata { get; set; } = [];

    /// <summary>Writes the encoded bytes into this stream, at its position, instead of writing a byte array.</summary>
    [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
    [ValidateNotNull]
    public Stream Stream { get; set; } = null!;

    /// <summary>Writes raw pixels: RGBA, 8 bits per channel, straight alpha, rows packed (4 x Width bytes each).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RawSet)]
    public SwitchParameter Raw { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        KeptMetadata.Validate(this, KeepMetadata, ExcludeMetadata);
    }

    protected override void ProcessRecord()
    {
        byte[] pixels;
        try
        {
            pixels = InputObject.ToArray();
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteImageError(error, "ConvertFromCudaImageFailed", InputObject, ErrorCategory.ReadError);
            return;
        }

        if (ParameterSetName == RawSet)
        {
            WriteObject(pixels, enumerateCollection: false);
            return;
        }

        byte[] encoded;
        try
        {
            EncodeOptions options = new()
            {
                Format = Format,
                Quality = MyInvocation.BoundParameters.ContainsKey(nameof(Quality)) ? Quality : null,
                KeepMetadata = KeepMetadata,
            };
            ImageMetadata metadata = KeptMetadata.Select(InputObject, KeepMetadata, ExcludeMetadata, WriteWarning);
            encoded = ImageEncoder.Encode(pixels, InputObject.Width, InputObject.Height, metadata, options);
        }
        catch (CodecException error)
        {
            WriteItemError(error, "ImageEncodeFailed", ErrorCategory.WriteError, InputObject);
            return;
        }

        if (ParameterSetName == StreamSet)
        {
            try
            {
                Stream.Write(encoded);
            }
            catch (Exception error) when (error is IOException or NotSupportedException or ObjectDisposedException)
            {
                WriteItemError(error, "StreamWriteError", ErrorCategory.WriteError, Stream);
            }

            return;
        }

        // One array per image, not one object per byte.
        WriteObject(encoded, enumerateCollection: false);
    }
}
