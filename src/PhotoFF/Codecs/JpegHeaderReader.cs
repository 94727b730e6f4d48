using System.Buffers.Binary;
using PhotoFF.Codecs.Jpeg;

namespace PhotoFF.Codecs;

/// <summary>
/// Reads a JPEG's markers from the start of the file up to the first scan (ITU T.81 annex B): the frame header's size,
/// the APP1 EXIF segment and the APP2 ICC chunks; other segments are skipped by seeking, and the compressed data is never
/// read. Every length is checked, and the bytes read are bounded (<see cref="MaxHeaderBytes"/>).
/// </summary>
internal static class JpegHeaderReader
{
    /// <summary>The most segment bytes read before the first scan: a full ICC profile (255 chunks of 64 KB) fits.</summary>
    public const long MaxHeaderBytes = 32L << 20;

    private static readonly byte[] ExifSignature = "Exif\0\0"u8.ToArray();
    private static readonly byte[] IccSignature = "ICC_PROFILE\0"u8.ToArray();

    /// <summary>Whether <paramref name="start"/> (the file's first bytes) is a JPEG's start of image and first marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> start) => start.Length >= 3 && start[0] == JpegMarker.Prefix && start[1] == JpegMarker.StartOfImage && start[2] == JpegMarker.Prefix;

    /// <exception cref="CodecException">The header is damaged or truncated (<see cref="CodecErrorKind.Corrupt"/>).</exception>
    public static JpegFileHeader Read(Stream stream, string path)
    {
        try
        {
            return ReadMarkers(stream, path);
        }
        catch (EndOfStreamException)
        {
            throw new CodecException(CodecErrorKind.Corrupt, path, "the JPEG header ends before the image data");
        }
        catch (InvalidDataException)
        {
            throw new CodecException(CodecErrorKind.Corrupt, path, "the JPEG header has other bytes where a marker should be");
        }
    }

    private static JpegFileHeader ReadMarkers(Stream stream, string path)
    {
        CodecException Damaged(string reason) => new(CodecErrorKind.Corrupt, path, reason);

        Span<byte> two = stackalloc byte[2];
        stream.ReadExactly(two);
        if (two[0] != JpegMarker.Prefix || two[1] != JpegMarker.StartOfImage)
        {
            throw Damaged("the file does not start with a JPEG start-of-image marker");
        }

        byte[]? exif = null;
        SortedDictionary<int, byte[]> iccChunks = [];
        int iccCount = 0;
        (int Width, int Height)? frame = null;
        long read = 0;
        while (true)
        {
            byte code = NextMarker(stream);
            if (JpegMarker.IsRestart(code) || code == 0x01)
            {
                continue; // RSTn and TEM stand alone, without a length.
            }

            if (code is JpegMarker.StartOfImage or JpegMarker.EndOfImage)
            {
                throw Damaged($"the JPEG header has a {(code == JpegMarker.StartOfImage ? "second start-of-image" : "end-of-image")} marker before any image data");
            }

            stream.ReadExactly(two);
            int length = BinaryPrimitives.ReadUInt16BigEndian(two) - 2;
            if (length < 0)
            {
                throw Damaged($"the JPEG marker 0xFF{code:X2} has a length below 2");
            }

            if (code == JpegMarker.StartOfScan)
            {
                return frame is { } size
                    ? new JpegFileHeader(size.Width, size.Height, exif, JoinIcc(iccChunks, iccCount))
                    : throw Damaged("the JPEG has image data before a frame header");
            }

            bool isFrame = JpegMarker.IsStartOfFrame(code);
            bool wanted = isFrame || (code == JpegMarker.App1 && exif is null) || code == JpegMarker.App2;
            if (!wanted)
            {
                stream.Seek(length, SeekOrigin.Current);
                continue;
            }

            read += length;
            if (read > MaxHeaderBytes)
            {
                throw Damaged($"the JPEG header is larger than {MaxHeaderBytes >> 20} MB before the image data");
            }

            byte[] segment = new byte[length];
            stream.ReadExactly(segment);
            if (isFrame)
            {
                if (frame is not null)
                {
                    throw Damaged("the JPEG has two frame headers");
                }

                frame = FrameSize(segment) ?? throw Damaged("the JPEG frame header is too short or gives a size of 0");
            }
            else if (code == JpegMarker.App1 && segment.AsSpan().StartsWith(ExifSignature))
            {
                exif = segment;
            }
            else if (code == JpegMarker.App2 && segment.Length > IccSignature.Length + 2 && segment.AsSpan().StartsWith(IccSignature))
            {
                // Chunk number (from 1) and chunk count, then the chunk's bytes.
                int number = segment[IccSignature.Length];
                iccCount = segment[IccSignature.Length + 1];
                iccChunks.TryAdd(number, segment[(IccSignature.Length + 2)..]);
            }
        }
    }

    /// <summary>The next marker's code, after the 0xFF fill bytes that may precede it.</summary>
    private static byte NextMarker(Stream stream)
    {
        int value = stream.ReadByte();
        if (value != JpegMarker.Prefix)
        {
            throw value < 0 ? new EndOfStreamException() : new InvalidDataException();
        }

        do
        {
            value = stream.ReadByte();
        }
        while (value == JpegMarker.Prefix);

        return value switch
        {
            < 0 => throw new EndOfStreamException(),
            0 => throw new InvalidDataException(),
            _ => (byte)value,
        };
    }

    /// <summary>Height and width from a frame header: precision (1 byte), height, width (2 bytes each).</summary>
    private static (int Width, int Height)? FrameSize(byte[] segment)
    {
        if (segment.Length < 6)
        {
            return null;
        }

        int height = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(1));
        int width = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(3));
        return width > 0 && height > 0 ? (width, height) : null;
    }

    /// <summary>The chunks 1..count joined, or null when the profile is absent or a chunk is missing.</summary>
    private static byte[]? JoinIcc(SortedDictionary<int, byte[]> chunks, int count)
    {
        if (count == 0 || chunks.Count != count || chunks.Keys.First() != 1 || chunks.Keys.Last() != count)
        {
            return null;
        }

        return chunks.Values.SelectMany(chunk => chunk).ToArray();
    }
}
