namespace PhotoFF.Imaging;

/// <summary>The metadata blocks a decoded file carried: EXIF, XMP and the ICC profile, each raw.</summary>
public sealed record ImageMetadata(byte[]? Exif, byte[]? Xmp, byte[]? Icc)
{
    public static ImageMetadata None { get; } = new(null, null, null);

    public bool IsEmpty => Exif is null && Xmp is null && Icc is null;
}
