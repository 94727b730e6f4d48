namespace PhotoFF.Imaging.Metadata;

/// <summary>One directory entry, located: where the 12-byte entry is and where its value is, both as offsets into the
/// block the layout was read from. <see cref="ValueOffset"/> + <see cref="ValueLength"/> lies inside the block.</summary>
internal readonly record struct TiffEntry(
    ExifDirectoryKind Directory,
    ushort Tag,
    TiffType Type,
    uint Count,
    int EntryOffset,
    int ValueOffset,
    int ValueLength)
{
    /// <summary>Whether the value lies outside the 12-byte entry (values of up to 4 bytes are stored in it).</summary>
    public bool IsOutOfLine => ValueLength > 4;
}
