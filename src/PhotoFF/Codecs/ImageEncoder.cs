using System.Buffers;
using NetVips;

using PhotoFF.Codecs.Jpeg;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>RGBA8 sRGB pixels to encoded bytes or files. Safe to call from many threads at once.</summary>
/// <remarks>
/// Decisions, per format:
/// JPEG has no alpha: transparent pixels are flattened onto white (a photo viewer's background, and what
/// a user who saves a cut-out as JPEG expects rather than black). Default quality 90, optimized Huffman
/// tables, libvips' chroma subsampling rule (4:4:4 at quality 90 and above).
/// PNG is lossless with alpha, deflated at zlib level 1: in a batch the encoder is the slowest stage, and level 1
/// (what OpenCV writes) encodes a 12-megapixel photo several times faster than libvips' default 6 for files some
/// 10-20% larger. WebP is lossy at quality 1..99 (default 90) and lossless at 100; alpha kept.
/// AVIF (AV1 in HEIF) is lossy at 1..99 (default 75) and lossless at 100; alpha kept.
/// TIFF is deflate-compressed with the horizontal predictor, lossless, alpha kept.
/// GIF is palette-quantized by libvips (1-bit transparency); quality does not apply.
/// Fully opaque images are written without an alpha channel where the format makes that a choice
/// (PNG, WebP, AVIF, TIFF): smaller files, same pixels.
/// </remarks>
public static class ImageEncoder
{
    /// <summary>The zlib level of PNG output (see the remarks).</summary>
    public const int PngCompression = 1;

    private static readonly Dictionary<string, ImageFormat> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = ImageFormat.Jpeg,
        [".jpeg"] = ImageFormat.Jpeg,
        [".jpe"] = ImageFormat.Jpeg,
        [".png"] = ImageFormat.Png,
        [".webp"] = ImageFormat.Webp,
        [".tif"] = ImageFormat.Tiff,
        [".tiff"] = ImageFormat.Tiff,
        [".avif"] = ImageFormat.Avif,
        [".gif"] = ImageFormat.Gif,
    };

    public static bool TryFormatFromExtension(string path, out ImageFormat format)
    {
        format = default;
        return !string.IsNullOrEmpty(path) && Extensions.TryGetValue(System.IO.Path.GetExtension(path), out format);
    }

    public static string DefaultExtension(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Png => ".png",
        ImageFormat.Webp => ".webp",
        ImageFormat.Tiff => ".tif",
        ImageFormat.Avif => ".avif",
        ImageFormat.Gif => ".gif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
    };

    /// <summary>The quality used when <see cref="EncodeOptions.Quality"/> is null; null for lossless formats.</summary>
    public static int? DefaultQuality(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => 90,
        ImageFormat.Webp => 90,
        ImageFormat.Avif => 75,
        _ => null,
    };

    public static byte[] Encode(ReadOnlySpan<byte> rgba, int width, int height, ImageMetadata metadata,
        EncodeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(options);
        metadata ??= ImageMetadata.None;
        if (rgba.Length != 4L * width * height)
        {
            throw new ArgumentException(
                $"{rgba.Length} bytes do not hold {width}x{height} RGBA8 pixels ({4L * width * height}).",
                nameof(rgba));
        }

        if (options.Quality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Quality,
                "Quality must be between 1 and 100.");
        }

        VipsRuntime.EnsureInitialized();
        if (!DropsAlphaWhenOpaque(options.Format) || !PixelBands.IsOpaque(rgba))
        {
            using var copied = AsSrgb(VipsMemoryPressure.Untracked(Image.NewFromMemoryCopy(rgba, width, height, 4, Enums.BandFormat.Uchar)));
            return VipsErrorGate.Run(() => Encode(copied, metadata, options));
        }

        // Opaque pixels go to libvips as RGB, packed here rather than by an operation of the pipeline (a band extraction,
        // or a flatten that changes nothing). libvips reads them where they are packed, in a pooled array pinned until
        // the image is disposed: one image-sized copy less than handing libvips a copy of its own.
        byte[] packed = ArrayPool<byte>.Shared.Rent(3 * width * height);
        try
        {
            PixelBands.DropAlpha(rgba, packed.AsSpan(0, 3 * width * height));
            using var rgb = AsSrgb(VipsMemoryPressure.Untracked(Image.NewFromMemory(packed, width, height, 3, Enums.BandFormat.Uchar)));
            return VipsErrorGate.Run(() => Encode(rgb, metadata, options));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    private static byte[] Encode(Image memory, ImageMetadata metadata, EncodeOptions options)
    {
        using var capture = VipsMessageCapture.Begin();
        try
        {
            using var flattened = Flattened(memory, options.Format);
            var shaped = flattened ?? memory;
            if (!options.KeepMetadata)
            {
                return Save(shaped, options, Enums.ForeignKeep.None);
            }

            using var tagged = Attach(shaped, metadata, out var keep);
            return Save(tagged, options, keep);
        }
        catch (VipsException e)
        {
            throw new CodecException(CodecErrorKind.WriteFailed, null,
                $"libvips could not encode {options.Format}: {VipsErrors.Reason(e, null, capture.Messages)}", e);
        }
    }

    /// <summary>Encodes in memory, then writes through <see cref="AtomicFile"/>: never a partial file.</summary>
    /// <exception cref="CodecException">Encoding or writing failed; <see cref="CodecErrorKind.AlreadyExists"/>
    /// when the file exists and <paramref name="overwrite"/> is false (the file is untouched).</exception>
    public static void WriteFile(string path, ReadOnlySpan<byte> rgba, int width, int height, ImageMetadata metadata,
        EncodeOptions options, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] encoded;
        try
        {
            encoded = Encode(rgba, width, height, metadata, options);
        }
        catch (CodecException e)
        {
            throw new CodecException(e.Kind, path, e.Reason, e.InnerException);
        }

        WriteEncoded(path, encoded, overwrite);
    }

    /// <summary>Writes an encoded file through <see cref="AtomicFile"/>, with <see cref="WriteFile"/>'s errors.</summary>
    internal static void WriteEncoded(string path, ReadOnlySpan<byte> encoded, bool overwrite)
    {
        try
        {
            AtomicFile.Write(path, encoded, overwrite);
        }
        catch (DestinationExistsException e)
        {
            throw new CodecException(CodecErrorKind.AlreadyExists, path,
                "the file already exists and overwriting was not allowed", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodecException(CodecErrorKind.WriteFailed, path, e.Message, e);
        }
    }

    /// <summary>Whether the format goes without alpha for opaque pixels: always for JPEG, which has none; for PNG, WebP,
    /// AVIF and TIFF because the file is smaller and the pixels the same.</summary>
    private static bool DropsAlphaWhenOpaque(ImageFormat format) =>
        format is ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.Webp or ImageFormat.Avif or ImageFormat.Tiff;

    /// <summary>The image tagged sRGB, as it is when libvips has guessed so already.</summary>
    private static Image AsSrgb(Image image)
    {
        if (image.Interpretation == Enums.Interpretation.Srgb)
        {
            return image;
        }

        using (image)
        {
            return image.Copy(interpretation: Enums.Interpretation.Srgb);
        }
    }

    /// <summary>For a JPEG with transparency (four bands still: see <see cref="Encode(ReadOnlySpan{byte}, int, int, ImageMetadata, EncodeOptions)"/>), the pixels flattened onto
    /// white; null for anything else, which is saved as it came.</summary>
    private static Image? Flattened(Image memory, ImageFormat format)
    {
        if (format != ImageFormat.Jpeg || memory.Bands != 4)
        {
            return null;
        }

        using var flat = memory.Flatten(background: [255, 255, 255]);
        return flat.Format == Enums.BandFormat.Uchar ? flat.Copy() : flat.Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>
    /// EXIF and XMP go out as they came in, with the EXIF orientation set to 1 because the pixels are
    /// already oriented. The pixels are sRGB, so an ICC profile goes out only when it is an sRGB one:
    /// writing a camera's Display P3 or Adobe RGB profile next to sRGB pixels would shift every colour.
    /// </summary>
    private static Image Attach(Image image, ImageMetadata metadata, out Enums.ForeignKeep keep)
    {
        var flags = Enums.ForeignKeep.None;
        var result = image.Mutate(m =>
        {
            if (metadata.Exif is { Length: > 0 } exif)
            {
                m.Set(GValue.BlobType, "exif-data", exif);
                flags |= Enums.ForeignKeep.Exif;
            }

            m.Set(GValue.GIntType, "orientation", 1);
            if (metadata.Xmp is { Length: > 0 } xmp)
            {
                m.Set(GValue.BlobType, "xmp-data", xmp);
                flags |= Enums.ForeignKeep.Xmp;
            }

            if (metadata.Icc is { Length: > 0 } icc && ColourManagement.IsSrgbProfile(icc))
            {
                m.Set(GValue.BlobType, "icc-profile-data", icc);
                flags |= Enums.ForeignKeep.Icc;
            }
        });
        keep = flags;
        return result;
    }

    /// <summary>
    /// JPEG with optimized Huffman tables: libvips writes it with the standard tables and <see cref="JpegHuffmanOptimizer"/>
    /// recodes the scan, which gives the bytes libvips' own optimize_coding gives in a fraction of the time (mozjpeg's
    /// statistics pass took two thirds of an export). A stream the recoder declines is encoded again with optimize_coding.
    /// </summary>
    private static byte[] SaveJpeg(Image image, int quality, Enums.ForeignKeep keep) =>
        JpegHuffmanOptimizer.TryOptimize(image.JpegsaveBuffer(q: quality, optimizeCoding: false, keep: keep))
        ?? image.JpegsaveBuffer(q: quality, optimizeCoding: true, keep: keep);

    private static byte[] Save(Image image, EncodeOptions options, Enums.ForeignKeep keep)
    {
        var quality = options.Quality ?? DefaultQuality(options.Format);
        return options.Format switch
        {
            ImageFormat.Jpeg => SaveJpeg(image, quality!.Value, keep),
            ImageFormat.Png => image.PngsaveBuffer(compression: PngCompression, keep: keep),
            ImageFormat.Webp => quality == 100
                ? image.WebpsaveBuffer(lossless: true, exact: true, keep: keep)
                : image.WebpsaveBuffer(q: quality, keep: keep),
            ImageFormat.Tiff => image.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Deflate,
                predictor: Enums.ForeignTiffPredictor.Horizontal, keep: keep),
            ImageFormat.Avif => quality == 100
                ? image.HeifsaveBuffer(lossless: true, compression: Enums.ForeignHeifCompression.Av1, keep: keep)
                : image.HeifsaveBuffer(q: quality, compression: Enums.ForeignHeifCompression.Av1, keep: keep),
            ImageFormat.Gif => image.GifsaveBuffer(keep: keep),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Format, "Unknown image format."),
        };
    }
}
