namespace PhotoFF.Imaging.Metadata;

/// <summary>
/// Removes groups of tags from an EXIF block in place, on a copy: a removed entry leaves its directory (the entries
/// after it move up, the count and the next-directory pointer follow, the freed slot is zeroed) and its value's bytes
/// are zeroed; a removed directory loses its pointer and its bytes and values are zeroed. Nothing else moves, so the
/// offsets that maker notes hold stay valid. Bytes still used by what is kept are never zeroed.
/// </summary>
internal static class ExifEditor
{
    private static readonly ushort[] CameraPrimaryTags = [ExifTag.Make, ExifTag.Model];

    private static readonly ushort[] CameraExifTags =
    [
        ExifTag.MakerNote, ExifTag.CameraOwnerName, ExifTag.BodySerialNumber, ExifTag.LensSpecification,
        ExifTag.LensMake, ExifTag.LensModel, ExifTag.LensSerialNumber,
    ];

    /// <summary>A copy of <paramref name="exif"/> without <paramref name="groups"/> (XMP and ICC are not in EXIF and
    /// are ignored here).</summary>
    /// <exception cref="MetadataFormatException">The block's structure is broken, so it cannot be edited safely.</exception>
    public static byte[] Remove(byte[] exif, IReadOnlySet<MetadataGroup> groups)
    {
        byte[] block = (byte[])exif.Clone();
        TiffLayout layout = TiffLayout.Parse(block);
        var removedDirectories = new HashSet<ExifDirectoryKind>();
        var removedTags = new Dictionary<ExifDirectoryKind, HashSet<ushort>>
        {
            [ExifDirectoryKind.Primary] = [],
            [ExifDirectoryKind.Exif] = [],
        };

        if (groups.Contains(MetadataGroup.Gps))
        {
            removedDirectories.Add(ExifDirectoryKind.Gps);
            removedTags[ExifDirectoryKind.Primary].Add(ExifTag.GpsPointer);
        }

        if (groups.Contains(MetadataGroup.Camera))
        {
            removedTags[ExifDirectoryKind.Primary].UnionWith(CameraPrimaryTags);
            removedTags[ExifDirectoryKind.Exif].UnionWith(CameraExifTags);
        }

        if (groups.Contains(MetadataGroup.Thumbnail))
        {
            removedDirectories.Add(ExifDirectoryKind.Thumbnail);
        }

        bool Removed(TiffEntry entry) =>
            removedDirectories.Contains(entry.Directory) ||
            (removedTags.TryGetValue(entry.Directory, out HashSet<ushort>? tags) && tags.Contains(entry.Tag));

        // What stays must survive the zeroing, even where a careless writer made it share bytes with what goes.
        var kept = new bool[block.Length];
        var zeroed = new List<(int Offset, int Length)>();
        Mark(kept, layout.HeaderOffset, 8);
        foreach (TiffDirectory directory in layout.Directories)
        {
            bool directoryRemoved = removedDirectories.Contains(directory.Kind);
            if (directoryRemoved)
            {
                zeroed.Add((directory.Offset, directory.Length));
            }
            else
            {
                Mark(kept, directory.Offset, directory.Length);
            }

            foreach (TiffEntry entry in directory.Entries.Where(e => e.IsOutOfLine && e.ValueOffset >= 0))
            {
                if (Removed(entry))
                {
                    zeroed.Add((entry.ValueOffset, entry.ValueLength));
                }
                else
                {
                    Mark(kept, entry.ValueOffset, entry.ValueLength);
                }
            }
        }

        if (ThumbnailData(layout) is { } thumbnail)
        {
            if (removedDirectories.Contains(ExifDirectoryKind.Thumbnail))
            {
                zeroed.Add(thumbnail);
            }
            else
            {
                Mark(kept, thumbnail.Offset, thumbnail.Length);
            }
        }

        foreach (TiffDirectory directory in layout.Directories.Where(d => !removedDirectories.Contains(d.Kind)))
        {
            bool dropsNext = directory.Kind == ExifDirectoryKind.Primary && removedDirectories.Contains(ExifDirectoryKind.Thumbnail);
            if (directory.Entries.Any(Removed) || dropsNext)
            {
                Rewrite(layout, directory, directory.Entries.Where(e => !Removed(e)).ToList(), dropsNext);
            }
        }

        foreach (var (offset, length) in zeroed)
        {
            for (int i = offset; i < offset + length; i++)
            {
                if (!kept[i])
                {
                    block[i] = 0;
                }
            }
        }

        return block;
    }

    /// <summary>Writes the directory again with only <paramref name="entries"/>, in its own place, and zeroes what it no
    /// longer uses.</summary>
    private static void Rewrite(TiffLayout layout, TiffDirectory directory, List<TiffEntry> entries, bool dropNext)
    {
        byte[] block = layout.Block;
        uint next = dropNext ? 0 : layout.UInt32(directory.NextPointerOffset);
        byte[][] copies = entries.Select(e => block.AsSpan(e.EntryOffset, 12).ToArray()).ToArray();
        Array.Clear(block, directory.Offset, directory.Length);
        layout.WriteUInt16(directory.Offset, (ushort)copies.Length);
        for (int i = 0; i < copies.Length; i++)
        {
            copies[i].CopyTo(block, directory.Offset + 2 + (12 * i));
        }

        layout.WriteUInt32(directory.Offset + 2 + (12 * copies.Length), next);
    }

    /// <summary>Where IFD1's JPEG thumbnail lies in the block, when its offset and length are there and inside it.</summary>
    private static (int Offset, int Length)? ThumbnailData(TiffLayout layout)
    {
        if (layout.Find(ExifDirectoryKind.Thumbnail, ExifTag.ThumbnailOffset) is not { } offsetEntry ||
            layout.Find(ExifDirectoryKind.Thumbnail, ExifTag.ThumbnailLength) is not { } lengthEntry ||
            layout.Unsigned(offsetEntry) is not uint offset ||
            layout.Unsigned(lengthEntry) is not uint length)
        {
            return null;
        }

        long start = layout.HeaderOffset + offset;
        return start + length <= layout.Block.Length ? ((int)start, (int)length) : null;
    }

    private static void Mark(bool[] kept, int offset, int length) => Array.Fill(kept, true, offset, length);
}
