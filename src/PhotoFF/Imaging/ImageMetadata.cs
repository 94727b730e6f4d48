namespace PhotoFF.Imaging;

/// <summary>The metadata blobs of a decoded image, exactly as the file carried them.</summary>
/// <param name="Exif">The raw EXIF block (libvips "exif-data"), or null.</param>
/// <param name="Xmp">The XMP packet (libvips "xmp-data"), or null.</param>
/// <param name="Icc">The embedded ICC profile (libvips "icc-profile-data"), or null. The decoded pixels are
/// already converted from it to sRGB.</param>
public sealed record ImageMetadata(byte[]? Exif, byte[]? Xmp, byte[]? Icc)
{
    public static ImageMetadata None { get; } = new(null, null, null);

    public bool IsEmpty => Exif is not { Length: > 0 } && Xmp is not { Length: > 0 } && Icc is not { Length: > 0 };
}
