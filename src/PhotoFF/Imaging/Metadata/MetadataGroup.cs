namespace PhotoFF.Imaging.Metadata;

/// <summary>Parts of a photo's metadata that can be left out of a file that otherwise keeps it
/// (Export-CudaImage -KeepMetadata -ExcludeMetadata).</summary>
public enum MetadataGroup
{
    /// <summary>Where it was taken: the EXIF GPS directory, and the XMP's GPS and location properties.</summary>
    Gps,

    /// <summary>What took it: make, model, lens, serial numbers, owner name and the maker's notes, in EXIF and XMP.</summary>
    Camera,

    /// <summary>The whole XMP packet.</summary>
    Xmp,

    /// <summary>The ICC colour profile.</summary>
    Icc,

    /// <summary>The EXIF thumbnail (IFD1), which still shows the original picture after a crop.</summary>
    Thumbnail,
}
