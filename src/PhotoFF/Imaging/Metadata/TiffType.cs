namespace PhotoFF.Imaging.Metadata;

/// <summary>The field types of a TIFF directory entry (TIFF 6.0 section 2, EXIF 2.32 section 4.6.2), with their sizes.</summary>
internal enum TiffType : ushort
{
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    SByte = 6,
    Undefined = 7,
    SShort = 8,
    SLong = 9,
    SRational = 10,
    Float = 11,
    Double = 12,
    Ifd = 13,
}

internal static class TiffTypeSizes
{
    /// <summary>Bytes per value of <paramref name="type"/>, or 0 for a type that TIFF does not define.</summary>
    public static int Of(TiffType type) => type switch
    {
        TiffType.Byte or TiffType.Ascii or TiffType.SByte or TiffType.Undefined => 1,
        TiffType.Short or TiffType.SShort => 2,
        TiffType.Long or TiffType.SLong or TiffType.Float or TiffType.Ifd => 4,
        TiffType.Rational or TiffType.SRational or TiffType.Double => 8,
        _ => 0,
    };
}
