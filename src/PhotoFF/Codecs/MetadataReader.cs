using NetVips;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Codecs;

/// <summary>
/// Reads a file's size, format, orientation and metadata from its header, without decoding pixels. Safe to call from
/// many threads at once.
/// </summary>
/// <remarks>
/// JPEG files, most of any photo library, are read straight from their markers (<see cref="JpegHeaderReader"/>); every
/// other format through libvips' header-only open, which hands over the EXIF block and ICC profile of whatever it reads
/// (PNG, WebP, TIFF, HEIF, AVIF, GIF...). Either way PhotoFF's own strict parser reads the EXIF block
/// (<see cref="PhotoPropertiesReader"/>), so the values are the ones Import-CudaImage attaches to an image. Measured on
/// 1,000 files (bench/results/2026-11-29-metadata.md): about 25 us a JPEG from its markers, 470 us through libvips,
/// whose JPEG loader also parses the whole EXIF block with libexif.
/// </remarks>
public static class MetadataReader
{
    private const string JpegFormat = "jpeg";

    /// <summary>The metadata of the image file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="warnings">Receives what was wrong but did not stop the read: a broken EXIF block (then the EXIF
    /// values are null), libvips' complaints.</param>
    /// <exception cref="CodecException">The file is missing, unreadable, not an image, or its header is damaged.</exception>
    public static ImageFileMetadata Read(string path, ICollection<string>? warnings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = ImageDecoder.CheckReadable(path);
        try
        {
            using FileStream file = new(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 16384);
            Span<byte> start = stackalloc byte[3];
            if (file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && JpegHeaderReader.IsJpeg(start))
            {
                file.Position = 0;
                JpegFileHeader header = JpegHeaderReader.Read(file, path);
                PhotoProperties properties = Properties(header.Exif, header.Icc, warnings);
                return new ImageFileMetadata(fullPath, JpegFormat, header.Width, header.Height, properties.Orientation ?? 1, properties);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodecException(CodecErrorKind.Unreadable, path, e.Message, e);
        }

        return ReadWithLibvips(path, warnings);
    }

    /// <summary>The metadata through libvips' header-only open, whatever the format (JPEG too).</summary>
    internal static ImageFileMetadata ReadWithLibvips(string path, ICollection<string>? warnings = null)
    {
        string fullPath = ImageDecoder.CheckReadable(path);

        // Under the error gate, as every libvips read: a failure's reason is this file's (VipsErrorGate).
        return VipsErrorGate.Run(() => ReadHeader(path, fullPath, warnings));
    }

    private static ImageFileMetadata ReadHeader(string path, string fullPath, ICollection<string>? warnings)
    {
        using VipsMessageCapture capture = VipsMessageCapture.Begin();
        string loader = ImageDecoder.FindLoader(() => Image.FindLoad(fullPath), path);
        try
        {
            using Image image = Image.NewFromFile(fullPath, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error, revalidate: true);
            ImageMetadata blocks = ImageDecoder.ReadMetadata(image);
            PhotoProperties properties = Properties(blocks.Exif, blocks.Icc, warnings);
            foreach (string message in VipsErrors.Warnings(capture.Messages, fullPath))
            {
                warnings?.Add(message);
            }

            VipsErrors.DiscardStale();
            return new ImageFileMetadata(fullPath, ImageDecoder.FormatName(image, loader), image.Width, image.Height,
                ImageDecoder.Orientation(image) is >= 1 and <= 8 and int orientation ? orientation : 1, properties);
        }
        catch (VipsException e)
        {
            throw VipsErrors.ToCodecException(e, CodecErrorKind.Corrupt, path, fullPath, capture.Messages);
        }
    }

    private static PhotoProperties Properties(byte[]? exif, byte[]? icc, ICollection<string>? warnings)
    {
        try
        {
            return PhotoPropertiesReader.Read(exif, icc);
        }
        catch (MetadataFormatException broken)
        {
            warnings?.Add($"the EXIF block is damaged and was not read: {broken.Message}");
            return PhotoPropertiesReader.Read(null, icc);
        }
    }
}
