using System.Buffers.Binary;
using System.Text;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Tests.Metadata;

/// <summary>
/// Writes EXIF blocks for tests, independently of the parser under test: a TIFF header, then the primary, EXIF, GPS and
/// thumbnail directories one after another (pointers added for those that have entries), then every value longer than
/// 4 bytes, then the thumbnail's bytes.
/// </summary>
internal sealed class ExifBuilder(bool littleEndian)
{
    private static readonly ExifDirectoryKind[] Order =
        [ExifDirectoryKind.Primary, ExifDirectoryKind.Exif, ExifDirectoryKind.Gps, ExifDirectoryKind.Thumbnail];

    private readonly Dictionary<ExifDirectoryKind, SortedDictionary<ushort, (TiffType Type, uint Count, byte[] Value)>> directories =
        Order.ToDictionary(kind => kind, _ => new SortedDictionary<ushort, (TiffType, uint, byte[])>());

    private byte[]? thumbnail;

    public bool LittleEndian => littleEndian;

    public ExifBuilder Entry(ExifDirectoryKind kind, ushort tag, TiffType type, uint count, byte[] value)
    {
        directories[kind][tag] = (type, count, value);
        return this;
    }

    public ExifBuilder Ascii(ExifDirectoryKind kind, ushort tag, string text)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text), 0];
        return Entry(kind, tag, TiffType.Ascii, (uint)bytes.Length, bytes);
    }

    public ExifBuilder Short(ExifDirectoryKind kind, ushort tag, ushort value) =>
        Entry(kind, tag, TiffType.Short, 1, U16(value));

    public ExifBuilder Byte(ExifDirectoryKind kind, ushort tag, byte value) =>
        Entry(kind, tag, TiffType.Byte, 1, [value]);

    public ExifBuilder Rationals(ExifDirectoryKind kind, ushort tag, params (uint Numerator, uint Denominator)[] values) =>
        Entry(kind, tag, TiffType.Rational, (uint)values.Length, values.SelectMany(v => U32(v.Numerator).Concat(U32(v.Denominator))).ToArray());

    /// <summary>A JPEG thumbnail in IFD1, with its offset and length tags.</summary>
    public ExifBuilder Thumbnail(byte[] jpeg)
    {
        thumbnail = jpeg;
        Entry(ExifDirectoryKind.Thumbnail, ExifTag.ThumbnailOffset, TiffType.Long, 1, U32(0));
        return Entry(ExifDirectoryKind.Thumbnail, ExifTag.ThumbnailLength, TiffType.Long, 1, U32((uint)jpeg.Length));
    }

    public byte[] Build(bool exifPrefix = true)
    {
        var present = Order.Where(kind => directories[kind].Count > 0 || kind == ExifDirectoryKind.Primary).ToList();
        if (directories[ExifDirectoryKind.Exif].Count > 0)
        {
            directories[ExifDirectoryKind.Primary][ExifTag.ExifPointer] = (TiffType.Long, 1, U32(0));
        }

        if (directories[ExifDirectoryKind.Gps].Count > 0)
        {
            directories[ExifDirectoryKind.Primary][ExifTag.GpsPointer] = (TiffType.Long, 1, U32(0));
        }

        // Where each directory starts, counted from the TIFF header.
        var offsets = new Dictionary<ExifDirectoryKind, uint>();
        uint position = 8;
        foreach (ExifDirectoryKind kind in present)
        {
            offsets[kind] = position;
            position += (uint)(2 + (12 * directories[kind].Count) + 4);
        }

        uint dataStart = position;
        uint dataLength = (uint)present.Sum(kind => directories[kind].Values.Where(v => v.Value.Length > 4).Sum(v => v.Value.Length + (v.Value.Length % 2)));
        uint thumbnailOffset = dataStart + dataLength;

        // Pointers now that the offsets are known.
        Set(ExifDirectoryKind.Primary, ExifTag.ExifPointer, offsets.GetValueOrDefault(ExifDirectoryKind.Exif));
        Set(ExifDirectoryKind.Primary, ExifTag.GpsPointer, offsets.GetValueOrDefault(ExifDirectoryKind.Gps));
        Set(ExifDirectoryKind.Thumbnail, ExifTag.ThumbnailOffset, thumbnailOffset);

        var tiff = new byte[thumbnailOffset + (thumbnail?.Length ?? 0)];
        tiff[0] = tiff[1] = (byte)(littleEndian ? 'I' : 'M');
        U16(42).CopyTo(tiff, 2);
        U32(8).CopyTo(tiff, 4);
        uint data = dataStart;
        foreach (ExifDirectoryKind kind in present)
        {
            int at = (int)offsets[kind];
            U16((ushort)directories[kind].Count).CopyTo(tiff, at);
            at += 2;
            foreach (var (tag, (type, count, value)) in directories[kind])
            {
                U16(tag).CopyTo(tiff, at);
                U16((ushort)type).CopyTo(tiff, at + 2);
                U32(count).CopyTo(tiff, at + 4);
                if (value.Length <= 4)
                {
                    value.CopyTo(tiff, at + 8);
                }
                else
                {
                    U32(data).CopyTo(tiff, at + 8);
                    value.CopyTo(tiff, data);
                    data += (uint)(value.Length + (value.Length % 2));
                }

                at += 12;
            }

            uint next = kind == ExifDirectoryKind.Primary ? offsets.GetValueOrDefault(ExifDirectoryKind.Thumbnail) : 0;
            U32(next).CopyTo(tiff, at);
        }

        thumbnail?.CopyTo(tiff, thumbnailOffset);
        return exifPrefix ? [.. "Exif\0\0"u8, .. tiff] : tiff;
    }

    private void Set(ExifDirectoryKind kind, ushort tag, uint value)
    {
        if (directories[kind].ContainsKey(tag))
        {
            directories[kind][tag] = (TiffType.Long, 1, U32(value));
        }
    }

    private byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }

        return bytes;
    }

    private byte[] U32(uint value)
    {
        var bytes = new byte[4];
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }

        return bytes;
    }
}
