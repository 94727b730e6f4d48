namespace PhotoFF.Imaging.Metadata;

/// <summary>An EXIF block whose TIFF structure is broken: a directory or value outside the block, a loop of
/// directories, an unknown byte order. The block is not read at all rather than read in part.</summary>
public sealed class ExifFormatException : FormatException
{
    public ExifFormatException(string message)
        : base(message)
    {
    }
}
