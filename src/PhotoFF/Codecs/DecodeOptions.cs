namespace PhotoFF.Codecs;

/// <summary>How strictly and how far an image is decoded.</summary>
public sealed class DecodeOptions
{
    /// <summary>268 megapixels (16384 x 16384): far above any camera, far below a decompression bomb.</summary>
    public const long DefaultMaxPixels = 268_435_456;

    public static DecodeOptions Default { get; } = new();

    /// <summary>
    /// False (the default): damaged data is an error (libvips fail_on = error). True: libvips patches over
    /// damage as well as it can (fail_on = none) and its complaints come back as
    /// <see cref="DecodedImage.Warnings"/>.
    /// </summary>
    public bool Lenient { get; init; }

    /// <summary>Width x height above which an image is refused before its pixels are decoded.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Apply the EXIF orientation to the pixels (and report the oriented size).</summary>
    public bool AutoOrient { get; init; } = true;
}
