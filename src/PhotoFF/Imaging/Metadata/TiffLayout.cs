using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace PhotoFF.Imaging.Metadata;

/// <summary>
/// The structure of an EXIF block (a TIFF header and directories), read strictly and within bounds: the primary
/// directory, the EXIF, GPS and interoperability sub-directories it points to, and the thumbnail directory after it;
/// nothing else is followed. A directory outside the block, a loop, or a bad header is an
/// <see cref="MetadataFormatException"/>; an entry whose value lies outside the block is kept but has no value
/// (<see cref="TiffEntry.ValueOffset"/> -1), so one broken maker note does not cost the rest.
/// </summary>
internal sealed class TiffLayout
{
    // What JPEG's APP1 segment (and libvips' exif-data) puts before the TIFF header.
    private static readonly byte[] ExifPrefix = "Exif\0\0"u8.ToArray();

    private readonly List<TiffDirectory> directories = [];

    private TiffLayout(byte[] block, int headerOffset, bool littleEndian)
    {
        Block = block;
        HeaderOffset = headerOffset;
        LittleEndian = littleEndian;
    }

    /// <summary>The whole block, prefix included.</summary>
    public byte[] Block { get; }

    /// <summary>Where the TIFF header starts in <see cref="Block"/>: TIFF offsets count from here.</summary>
    public int HeaderOffset { get; }

    public bool LittleEndian { get; }

    public IReadOnlyList<TiffDirectory> Directories => directories;

    /// <summary>Reads the layout of <paramref name="block"/>: a TIFF header, optionally after "Exif\0\0".</summary>
    /// <exception cref="MetadataFormatException">The structure is broken.</exception>
    public static TiffLayout Parse(byte[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        int header = block.AsSpan().StartsWith(ExifPrefix) ? ExifPrefix.Length : 0;
        if (block.Length < header + 8)
        {
            throw new MetadataFormatException($"the block has {block.Length} bytes, too few for a TIFF header.");
        }

        bool littleEndian = (block[header], block[header + 1]) switch
        {
            ((byte)'I', (byte)'I') => true,
            ((byte)'M', (byte)'M') => false,
            _ => throw new MetadataFormatException("the block does not start with a TIFF byte order mark (II or MM)."),
        };

        TiffLayout layout = new(block, header, littleEndian);
        if (layout.UInt16(header + 2) != 42)
        {
            throw new MetadataFormatException("the TIFF header's magic number is not 42.");
        }

        layout.ReadDirectories(layout.UInt32(header + 4));
        return layout;
    }

    public TiffDirectory? Directory(ExifDirectoryKind kind) => directories.FirstOrDefault(d => d.Kind == kind);

    /// <summary>The entry of <paramref name="tag"/> in the directory <paramref name="kind"/> that has a value, or null.</summary>
    public TiffEntry? Find(ExifDirectoryKind kind, ushort tag)
    {
        foreach (TiffEntry entry in Directory(kind)?.Entries ?? [])
        {
            if (entry.Tag == tag && entry.ValueOffset >= 0)
            {
                return entry;
            }
        }

        return null;
    }

    public ushort UInt16(int offset) => LittleEndian
        ? BinaryPrimitives.ReadUInt16LittleEndian(Block.AsSpan(offset, 2))
        : BinaryPrimitives.ReadUInt16BigEndian(Block.AsSpan(offset, 2));

    public uint UInt32(int offset) => LittleEndian
        ? BinaryPrimitives.ReadUInt32LittleEndian(Block.AsSpan(offset, 4))
        : BinaryPrimitives.ReadUInt32BigEndian(Block.AsSpan(offset, 4));

    public void WriteUInt16(int offset, ushort value)
    {
        if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(Block.AsSpan(offset, 2), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(Block.AsSpan(offset, 2), value);
        }
    }

    public void WriteUInt32(int offset, uint value)
    {
        if (LittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(Block.AsSpan(offset, 4), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(Block.AsSpan(offset, 4), value);
        }
    }

    /// <summary>A text value (ASCII, or UNDEFINED/BYTE as some cameras write it) up to its first NUL, trimmed; null
    /// when empty or of another type.</summary>
    public string? Text(TiffEntry entry)
    {
        if (entry.ValueOffset < 0 || entry.Type is not (TiffType.Ascii or TiffType.Undefined or TiffType.Byte))
        {
            return null;
        }

        ReadOnlySpan<byte> bytes = Block.AsSpan(entry.ValueOffset, entry.ValueLength);
        int end = bytes.IndexOf((byte)0);
        bytes = end >= 0 ? bytes[..end] : bytes;
        string text = Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The <paramref name="index"/>th value of a BYTE, SHORT or LONG entry, or null.</summary>
    public uint? Unsigned(TiffEntry entry, int index = 0)
    {
        if (entry.ValueOffset < 0 || index >= entry.Count)
        {
            return null;
        }

        return entry.Type switch
        {
            TiffType.Byte => Block[entry.ValueOffset + index],
            TiffType.Short => UInt16(entry.ValueOffset + (2 * index)),
            TiffType.Long => UInt32(entry.ValueOffset + (4 * index)),
            _ => null,
        };
    }

    /// <summary>The <paramref name="index"/>th value of a RATIONAL or SRATIONAL entry, or null (also for a zero
    /// denominator, which EXIF writers use for "unknown").</summary>
    public double? Rational(TiffEntry entry, int index = 0)
    {
        if (entry.ValueOffset < 0 || index >= entry.Count || entry.Type is not (TiffType.Rational or TiffType.SRational))
        {
            return null;
        }

        int offset = entry.ValueOffset + (8 * index);
        uint numerator = UInt32(offset);
        uint denominator = UInt32(offset + 4);
        if (denominator == 0)
        {
            return null;
        }

        return entry.Type == TiffType.Rational
            ? (double)numerator / denominator
            : (double)(int)numerator / (int)denominator;
    }

    private void ReadDirectories(uint primaryOffset)
    {
        var visited = new HashSet<long>();
        TiffDirectory primary = ReadDirectory(ExifDirectoryKind.Primary, primaryOffset, visited)
            ?? throw new MetadataFormatException("the TIFF header points to no primary directory.");
        ReadPointed(primary, ExifTag.ExifPointer, ExifDirectoryKind.Exif, visited);
        ReadPointed(primary, ExifTag.GpsPointer, ExifDirectoryKind.Gps, visited);
        if (Directory(ExifDirectoryKind.Exif) is { } exif)
        {
            ReadPointed(exif, ExifTag.InteroperabilityPointer, ExifDirectoryKind.Interoperability, visited);
        }

        ReadDirectory(ExifDirectoryKind.Thumbnail, UInt32(primary.NextPointerOffset), visited);
    }

    private void ReadPointed(TiffDirectory parent, ushort pointerTag, ExifDirectoryKind kind, HashSet<long> visited)
    {
        foreach (TiffEntry entry in parent.Entries.Where(e => e.Tag == pointerTag))
        {
            if (entry.Type is not (TiffType.Long or TiffType.Ifd) || entry.Count != 1)
            {
                throw new MetadataFormatException($"the {kind} directory pointer in the {parent.Kind} directory is not one LONG.");
            }

            ReadDirectory(kind, UInt32(entry.ValueOffset), visited);
            return;
        }
    }

    private TiffDirectory? ReadDirectory(ExifDirectoryKind kind, uint tiffOffset, HashSet<long> visited)
    {
        if (tiffOffset == 0)
        {
            return null;
        }

        long offset = HeaderOffset + tiffOffset;
        if (offset + 2 > Block.Length)
        {
            throw new MetadataFormatException($"the {kind} directory at {tiffOffset} is outside the {Block.Length}-byte block.");
        }

        if (!visited.Add(offset))
        {
            throw new MetadataFormatException($"the {kind} directory at {tiffOffset} is another directory already read (a loop).");
        }

        int start = (int)offset;
        int count = UInt16(start);
        long end = offset + 2 + (12L * count) + 4;
        if (end > Block.Length)
        {
            throw new MetadataFormatException($"the {kind} directory at {tiffOffset} has {count} entries, which run past the end of the block.");
        }

        var entries = new List<TiffEntry>(count);
        for (int i = 0; i < count; i++)
        {
            entries.Add(ReadEntry(kind, start + 2 + (12 * i)));
        }

        TiffDirectory directory = new(kind, start, entries, (int)(end - 4));
        directories.Add(directory);
        return directory;
    }

    private TiffEntry ReadEntry(ExifDirectoryKind kind, int at)
    {
        ushort tag = UInt16(at);
        TiffType type = (TiffType)UInt16(at + 2);
        uint count = UInt32(at + 4);
        long length = TiffTypeSizes.Of(type) * count;
        if (TiffTypeSizes.Of(type) == 0)
        {
            // A type TIFF does not define: its size is unknown, so it has no value PhotoFF can read.
            return new TiffEntry(kind, tag, type, count, at, -1, 0);
        }

        if (length <= 4)
        {
            return new TiffEntry(kind, tag, type, count, at, at + 8, (int)length);
        }

        long valueOffset = HeaderOffset + UInt32(at + 8);
        return valueOffset + length <= Block.Length
            ? new TiffEntry(kind, tag, type, count, at, (int)valueOffset, (int)length)
            : new TiffEntry(kind, tag, type, count, at, -1, 0);
    }
}
