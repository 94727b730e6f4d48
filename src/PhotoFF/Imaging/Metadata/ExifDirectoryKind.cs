namespace PhotoFF.Imaging.Metadata;

/// <summary>The directories of an EXIF block that PhotoFF reads and edits.</summary>
internal enum ExifDirectoryKind
{
    /// <summary>IFD0: the main image (make, model, orientation) and the pointers to the others.</summary>
    Primary,

    /// <summary>The EXIF sub-directory: exposure, date taken, lens.</summary>
    Exif,

    /// <summary>The GPS sub-directory: the position.</summary>
    Gps,

    /// <summary>The interoperability sub-directory of the EXIF one.</summary>
    Interoperability,

    /// <summary>IFD1: the embedded thumbnail.</summary>
    Thumbnail,
}
