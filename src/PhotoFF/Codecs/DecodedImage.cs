using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// Decoded pixels: RGBA8, straight alpha, sRGB, rows packed (stride 4 x width); on the host in <see cref="Pixels"/>, or
/// already on a device in <see cref="DeviceImage"/> when a GPU decoder (nvJPEG, NVDEC) read the file. Disposing it
/// disposes that device image: for a result nobody took (a pipeline stopped while files were decoded ahead).
/// </summary>
public sealed class DecodedImage : IDisposable
{
    public DecodedImage(int width, int height, byte[] pixels, ImageMetadata metadata, string? sourcePath,
        string? sourceFormat, IReadOnlyList<string> warnings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != 4L * width * height)
        {
            throw new ArgumentException(
                $"{pixels.LongLength} bytes do not hold {width}x{height} RGBA8 pixels ({4L * width * height}).",
                nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
        Metadata = metadata ?? ImageMetadata.None;
        SourcePath = sourcePath;
        SourceFormat = sourceFormat;
        Warnings = warnings ?? [];
    }

    /// <summary>An image decoded straight onto a device; its owner is whoever takes it from here.</summary>
    internal DecodedImage(CudaImage deviceImage, ImageMetadata metadata, string? sourcePath, string? sourceFormat)
    {
        ArgumentNullException.ThrowIfNull(deviceImage);
        DeviceImage = deviceImage;
        Width = deviceImage.Width;
        Height = deviceImage.Height;
        Pixels = [];
        Metadata = metadata ?? ImageMetadata.None;
        SourcePath = sourcePath;
        SourceFormat = sourceFormat;
        Warnings = [];
    }

    public int Width { get; }

    public int Height { get; }

    public int Stride => 4 * Width;

    /// <summary>The host pixels; empty when the image was decoded onto a device (<see cref="DeviceImage"/>).</summary>
    public byte[] Pixels { get; }

    /// <summary>The image, when a GPU decoder put it on a device; null for host pixels.</summary>
    public CudaImage? DeviceImage { get; }

    public ImageMetadata Metadata { get; }

    /// <summary>The file it came from, or the name given for a buffer or stream.</summary>
    public string? SourcePath { get; }

    /// <summary>The libvips loader's format ("jpeg", "png", "heif", ...).</summary>
    public string? SourceFormat { get; }

    /// <summary>What libvips complained about while decoding (only a lenient decode survives complaints).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public void Dispose() => DeviceImage?.Dispose();
}
