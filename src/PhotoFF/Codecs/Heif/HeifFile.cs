namespace PhotoFF.Codecs.Heif;

/// <summary>
/// A HEIF file read into memory and resolved to its primary image, with every structural problem turned into a
/// <see cref="CodecException"/> that names the file. AVIF and other non-HEVC HEIF files are left to libvips.
/// </summary>
internal sealed class HeifFile
{
    private HeifFile(byte[] bytes, HeifPrimaryImage image, string? name)
    {
        Bytes = bytes;
        Image = image;
        Name = name;
    }

    public byte[] Bytes { get; }

    public HeifPrimaryImage Image { get; }

    public string? Name { get; }

    /// <summary>The HEVC-coded HEIF image in <paramref name="bytes"/>, or null when the data is not one.</summary>
    public static HeifFile? TryOpen(byte[] bytes, string? name)
    {
        if (!HeifReader.LooksLikeHeif(bytes))
        {
            return null;
        }

        try
        {
            var image = HeifPrimaryImage.Resolve(HeifReader.Read(bytes));
            return image is null ? null : new HeifFile(bytes, image, name);
        }
        catch (HeifFormatException e) when (!IsAvif(bytes))
        {
            throw ToCodecException(e, name);
        }
        catch (HeifFormatException)
        {
            return null; // an AVIF file this reader finds fault with: libvips reads AVIF, and judges it
        }
    }

    /// <summary>Whether the ftyp box's major brand says AVIF (avif, avis).</summary>
    private static bool IsAvif(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && (bytes.Slice(8, 4).SequenceEqual("avif"u8) || bytes.Slice(8, 4).SequenceEqual("avis"u8));

    /// <summary>The file at <paramref name="fullPath"/> when its first bytes say HEIF and it holds an HEVC image.</summary>
    public static HeifFile? TryOpen(string fullPath, string name)
    {
        byte[] bytes;
        try
        {
            using (var stream = File.OpenRead(fullPath))
            {
                Span<byte> head = stackalloc byte[64];
                if (!HeifReader.LooksLikeHeif(head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)]))
                {
                    return null;
                }
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodecException(CodecErrorKind.Unreadable, name, e.Message, e);
        }

        return TryOpen(bytes, name);
    }

    /// <summary>Refuses an image whose decoded size, or whose coded tiles, exceed the limit, before any decoding.</summary>
    public void CheckPixelLimit(DecodeOptions options)
    {
        ImageDecoder.CheckPixelLimit(new ImageSize(Image.Width, Image.Height), options.MaxPixels, Name);
        var coded = Image.Coded;
        ImageDecoder.CheckPixelLimit(new ImageSize(coded.Width, coded.Height), options.MaxPixels, Name);
        var tilePixels = coded.CodedPixels;
        var limit = Math.Max(options.MaxPixels, (long)coded.Width * coded.Height);
        if (tilePixels > 2 * limit)
        {
            // Tiles that dwarf the grid they make decode far more than they show: a decompression bomb.
            throw new CodecException(CodecErrorKind.TooLarge, Name,
                $"its {coded.Tiles.Count} tiles hold {tilePixels / 1e6:0.#} megapixels for an image of {coded.Width}x{coded.Height}");
        }
    }

    public ImageSize Size => new(Image.Width, Image.Height);

    public Imaging.ImageMetadata Metadata =>
        Image.Exif is null && Image.Xmp is null && Image.Icc is null
            ? Imaging.ImageMetadata.None
            : new Imaging.ImageMetadata(Image.Exif, Image.Xmp, Image.Icc);

    public static CodecException ToCodecException(HeifFormatException e, string? name) =>
        new(e.Unsupported ? CodecErrorKind.Unsupported : CodecErrorKind.Corrupt, name,
            e.Unsupported ? $"the HEIF file uses a feature that is not supported: {e.Message}" : $"the HEIF file is damaged: {e.Message}", e);
}
