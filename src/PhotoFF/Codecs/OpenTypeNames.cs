using System.Buffers.Binary;
using System.Text;

namespace PhotoFF.Codecs;

/// <summary>
/// Reads the family name from a TrueType/OpenType font file (or the first font of a collection): the 'name' table's
/// typographic family (name 16) when present, else the family (name 1), preferring the Windows Unicode records.
/// Pango selects fonts by family, so a font given as a file is rendered by the family it declares.
/// </summary>
internal static class OpenTypeNames
{
    private const uint TrueTypeTag = 0x00010000;
    private const uint OpenTypeTag = 0x4F54544F; // 'OTTO'
    private const uint AppleTrueTypeTag = 0x74727565; // 'true'
    private const uint CollectionTag = 0x74746366; // 'ttcf'
    private const uint NameTableTag = 0x6E616D65; // 'name'

    /// <summary>The family name, or null when the file is not a font this reader understands.</summary>
    public static string? ReadFamily(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        try
        {
            return ReadFamily(data);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // Truncated or damaged tables.
        }
    }

    public static string? ReadFamily(ReadOnlySpan<byte> data)
    {
        int font = 0;
        uint tag = U32(data, 0);
        if (tag == CollectionTag)
        {
            font = checked((int)U32(data, 12)); // The first font's offset table.
            tag = U32(data, font);
        }

        if (tag is not (TrueTypeTag or OpenTypeTag or AppleTrueTypeTag))
        {
            return null;
        }

        int tables = U16(data, font + 4);
        for (int i = 0; i < tables; i++)
        {
            int record = font + 12 + 16 * i;
            if (U32(data, record) == NameTableTag)
            {
                return FamilyFromNameTable(data, checked((int)U32(data, record + 8)));
            }
        }

        return null;
    }

    private static string? FamilyFromNameTable(ReadOnlySpan<byte> data, int table)
    {
        int count = U16(data, table + 2);
        int strings = table + U16(data, table + 4);
        string? best = null;
        int bestRank = int.MaxValue;
        for (int i = 0; i < count; i++)
        {
            int record = table + 6 + 12 * i;
            int platform = U16(data, record);
            int nameId = U16(data, record + 6);
            if (nameId is not (1 or 16) || platform is not (0 or 1 or 3))
            {
                continue;
            }

            // Typographic family before family; Unicode records before Macintosh Roman ones.
            int rank = (nameId == 16 ? 0 : 2) + (platform == 1 ? 1 : 0);
            if (rank >= bestRank)
            {
                continue;
            }

            ReadOnlySpan<byte> text = data.Slice(strings + U16(data, record + 10), U16(data, record + 8));
            string name = platform == 1 ? Encoding.Latin1.GetString(text) : Encoding.BigEndianUnicode.GetString(text);
            if (!string.IsNullOrWhiteSpace(name))
            {
                best = name.Trim();
                bestRank = rank;
            }
        }

        return best;
    }

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset, 4));

    private static int U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset, 2));
}
