using System.Buffers.Binary;
using System.Text;

namespace PhotoFF.Imaging.Metadata;

/// <summary>The little PhotoFF reads from an ICC profile: its colour space and its description ('desc' tag, ICC v2
/// textDescriptionType or v4 multiLocalizedUnicodeType), every offset checked against the profile's length.</summary>
internal static class IccProfile
{
    private const int HeaderLength = 128;
    private const int TagEntryLength = 12;

    /// <summary>Whether the profile's data colour space is RGB.</summary>
    public static bool IsRgb(ReadOnlySpan<byte> icc) => icc.Length >= HeaderLength + 4 && icc.Slice(16, 4).SequenceEqual("RGB "u8);

    /// <summary>The profile's description ("sRGB IEC61966-2.1", "Display P3"), or null when it has none that can be read.</summary>
    public static string? Description(ReadOnlySpan<byte> icc)
    {
        long count = ReadUInt32(icc, HeaderLength);
        for (long i = 0; i < count && HeaderLength + 4 + (TagEntryLength * (i + 1)) <= icc.Length; i++)
        {
            int entry = (int)(HeaderLength + 4 + (TagEntryLength * i));
            if (!icc.Slice(entry, 4).SequenceEqual("desc"u8))
            {
                continue;
            }

            long offset = ReadUInt32(icc, entry + 4);
            long size = ReadUInt32(icc, entry + 8);
            if (offset + size > icc.Length || size < 12)
            {
                return null;
            }

            return Text(icc.Slice((int)offset, (int)size));
        }

        return null;
    }

    private static string? Text(ReadOnlySpan<byte> tag)
    {
        string? text = null;
        if (tag[..4].SequenceEqual("desc"u8))
        {
            long length = Math.Min(ReadUInt32(tag, 8), tag.Length - 12L);
            text = Encoding.ASCII.GetString(tag.Slice(12, (int)length));
        }
        else if (tag[..4].SequenceEqual("mluc"u8) && tag.Length >= 28)
        {
            // The first record's string: length and offset at 20 and 24, UTF-16BE.
            long length = ReadUInt32(tag, 20);
            long start = ReadUInt32(tag, 24);
            if (start + length <= tag.Length)
            {
                text = Encoding.BigEndianUnicode.GetString(tag.Slice((int)start, (int)length));
            }
        }

        text = text?.TrimEnd('\0').Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> data, int offset) =>
        offset >= 0 && offset + 4 <= data.Length ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : 0;
}
