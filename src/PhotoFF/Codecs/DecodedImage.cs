using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>Decoded pixels on the host: RGBA8, straight alpha, sRGB, rows packed (stride 4 x width).</summary>
public sealed class DecodedImage
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

    public int Width { get; }

    public int Height { get; }

    public int Stride => 4 * Width;

    public byte[] Pixels { get; }

    public ImageMetadata Metadata { get; }

    /// <summary>The file it came from, or the name given for a buffer or stream.</summary>
    public string? SourcePath { get; }

    /// <summary>The libvips loader's format ("jpeg", "png", "heif", ...).</summary>
    public string? SourceFormat { get; }

    /// <summary>What libvips complained about while decoding (only a lenient decode survives complaints).</summary>
    public IReadOnlyList<string> Warnings { get; }
}
