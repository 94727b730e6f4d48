namespace PhotoFF.Imaging.Metadata;

/// <summary>An EXIF block whose TIFF structure is broken (a directory outside the block, a loop of directories, an
/// unknown byte order) or an XMP packet that is not well-formed: it is not read or edited at all rather than in part.</summary>
internal sealed class MetadataFormatException : FormatException
{
    public MetadataFormatException(string message)
        : base(message)
    {
    }
}
