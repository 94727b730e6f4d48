namespace PhotoFF.Codecs;

/// <summary>The encoded formats that PhotoFF writes (and, among others, reads).</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
    Tiff,
    Avif,
    Gif,
}
