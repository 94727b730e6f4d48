namespace PhotoFF.Imaging.Metadata;

/// <summary>One directory of an EXIF block: where it starts, its entries in file order, and where its 4-byte pointer to
/// the next directory is (offsets into the block).</summary>
internal sealed record TiffDirectory(ExifDirectoryKind Kind, int Offset, IReadOnlyList<TiffEntry> Entries, int NextPointerOffset)
{
    /// <summary>Bytes of the directory itself: the entry count, the entries and the next pointer.</summary>
    public int Length => 2 + (12 * Entries.Count) + 4;
}
