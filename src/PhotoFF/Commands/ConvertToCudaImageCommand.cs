using System.Management.Automation;
using PhotoFF.Codecs;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>ConvertTo-CudaImage: an image from bytes in memory: an encoded file's bytes (PNG, JPEG, WebP, TIFF, AVIF,
/// GIF...), a stream holding them, or raw RGBA pixels (-Raw -Width -Height).</summary>
[Cmdlet(VerbsData.ConvertTo, "CudaImage", DefaultParameterSetName = EncodedSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class ConvertToCudaImageCommand : PhotoFFCommand
{
    private const string EncodedSet = "Encoded";
    private const string StreamSet = "Stream";
    private const string RawSet = "Raw";

    /// <summary>Bytes piped one at a time (an array unrolled by the pipeline), gathered into one input.</summary>
    private readonly List<byte> unrolled = [];

    /// <summary>The bytes of one image. An array piped without the unary comma arrives one byte at a time; those
    /// bytes are gathered back into one array.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0, ParameterSetName = EncodedSet)]
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0, ParameterSetName = RawSet)]
    [ValidateNotNull]
    public byte[] InputObject { get; set; } = [];

    /// <summary>A stream holding one encoded image, read from its position to its end (it need not be seekable).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = StreamSet)]
    [ValidateNotNull]
    public Stream Stream { get; set; } = null!;

    /// <summary>The bytes are raw pixels: RGBA, 8 bits per channel, straight alpha, rows packed (4 x Width bytes each).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RawSet)]
    public SwitchParameter Raw { get; set; }

    /// <summary>The width of the raw image in pixels.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RawSet)]
    [ValidateRange(1, 1 << 20)]
    public int Width { get; set; }

    /// <summary>The height of the raw image in pixels.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RawSet)]
    [ValidateRange(1, 1 << 20)]
    public int Height { get; set; }

    /// <summary>Accept damaged data that libvips can partly read, with warnings, instead of failing.</summary>
    [Parameter(ParameterSetName = EncodedSet)]
    [Parameter(ParameterSetName = StreamSet)]
    public SwitchParameter Lenient { get; set; }

    /// <summary>The largest image accepted, in pixels (width x height): a guard against decompression bombs.</summary>
    [Parameter(ParameterSetName = EncodedSet)]
    [Parameter(ParameterSetName = StreamSet)]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxPixels { get; set; } = DecodeOptions.DefaultMaxPixels;

    /// <summary>The CUDA device ordinal; the default backend when omitted.</summary>
    [Parameter]
    [ValidateRange(0, 63)]
    [PSDefaultValue(Help = "The default backend")]
    public int Device { get; set; } = -1;

    private bool IsRaw => ParameterSetName == RawSet;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == StreamSet)
        {
            Decode(() => ImageDecoder.Decode(Stream, Options, "stream"), "stream");
            return;
        }

        if (InputObject.Length == 1)
        {
            // No image is one byte long: this is an element of an array that the pipeline unrolled.
            unrolled.Add(InputObject[0]);
            return;
        }

        Flush();
        Convert(InputObject);
    }

    protected override void EndProcessing() => Flush();

    private DecodeOptions Options => new() { Lenient = Lenient, MaxPixels = MaxPixels };

    private void Flush()
    {
        if (unrolled.Count > 0)
        {
            byte[] gathered = [.. unrolled];
            unrolled.Clear();
            Convert(gathered);
        }
    }

    private void Convert(byte[] bytes)
    {
        if (!IsRaw)
        {
            Decode(() => ImageDecoder.Decode(bytes, Options, "bytes"), "bytes");
            return;
        }

        long expected = CudaImage.PixelBytes(Width, Height);
        if (bytes.Length != expected)
        {
            WriteItemError(new ArgumentException($"A {Width}x{Height} raw RGBA image has {expected} bytes; {bytes.Length} were given."),
                "ConvertToCudaImageRawSizeMismatch", ErrorCategory.InvalidData, bytes.Length);
            return;
        }

        try
        {
            WriteObject(CudaImage.FromPixels(bytes, Width, Height, SelectBackend(Device < 0 ? null : Device)));
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteItemError(error, "ConvertToCudaImageFailed", ErrorCategory.InvalidOperation, null);
        }
    }

    private void Decode(Func<DecodedImage> decode, string target)
    {
        DecodedImage decoded;
        try
        {
            decoded = decode();
        }
        catch (Exception error) when (error is CodecException or IOException)
        {
            WriteError(CodecErrors.DecodeRecord(error, target));
            return;
        }

        foreach (string warning in decoded.Warnings)
        {
            WriteWarning($"{target}: {warning}");
        }

        try
        {
            CudaImage image = CudaImage.FromPixels(decoded.Pixels, decoded.Width, decoded.Height, SelectBackend(Device < 0 ? null : Device));
            image.Metadata = decoded.Metadata;
            WriteObject(image);
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteItemError(error, "ConvertToCudaImageFailed", ErrorCategory.InvalidOperation, target);
        }
    }
}
