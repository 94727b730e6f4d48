namespace PhotoFF.Codecs;

/// <summary>How pixels are encoded.</summary>
public sealed class EncodeOptions
{
    public ImageFormat Format { get; init; } = ImageFormat.Png;

    /// <summary>
    /// 1..100 for the lossy formats (JPEG, WebP, AVIF); null picks <see cref="ImageEncoder.DefaultQuality(ImageFormat)"/>.
    /// WebP and AVIF at 100 are lossless. PNG, TIFF and GIF ignore it.
    /// </summary>
    public int? Quality { get; init; }

    /// <summary>
    /// False (the default): nothing but pixels is written, so camera data and GPS positions never leak.
    /// True: EXIF and XMP are written, with the EXIF orientation set to 1 (pixels are already oriented);
    /// an ICC profile is written only when it describes sRGB, the colour space the pixels are in.
    /// </summary>
    public bool KeepMetadata { get; init; }
}
