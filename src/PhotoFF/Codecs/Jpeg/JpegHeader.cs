using PhotoFF.Imaging;

namespace PhotoFF.Codecs.Jpeg;

/// <summary>What the CPU learns of a JPEG before any pixel is decoded: the frame, the colour hints, the metadata blocks
/// (exactly as libvips reports them) and the EXIF orientation.</summary>
internal sealed class JpegHeader
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>The SOF marker: 0xC0 baseline or 0xC1 extended sequential (the only frames the parser accepts).</summary>
    public required byte FrameMarker { get; init; }

    public required IReadOnlyList<JpegComponent> Components { get; init; }

    /// <summary>MCUs between restart markers; 0 without restart markers.</summary>
    public required int RestartInterval { get; init; }

    /// <summary>Whether a JFIF APP0 segment says the components are YCbCr.</summary>
    public required bool HasJfif { get; init; }

    /// <summary>The Adobe APP14 segment's colour transform (0: none, RGB or CMYK; 1: YCbCr; 2: YCCK), if there is one.</summary>
    public required int? AdobeTransform { get; init; }

    /// <summary>The APP1 EXIF block from its "Exif\0\0" header on (libvips' "exif-data").</summary>
    public required byte[]? Exif { get; init; }

    /// <summary>The XMP packet of the standard XMP APP1 segment, after its namespace header (libvips' "xmp-data").</summary>
    public required byte[]? Xmp { get; init; }

    /// <summary>The ICC profile, reassembled from its APP2 chunks (libvips' "icc-profile-data").</summary>
    public required byte[]? Icc { get; init; }

    /// <summary>The EXIF orientation, 1 to 8; 1 when the EXIF block has none.</summary>
    public required int Orientation { get; init; }

    public ImageMetadata Metadata => Exif is null && Xmp is null && Icc is null ? ImageMetadata.None : new ImageMetadata(Exif, Xmp, Icc);

    /// <summary>The size after the EXIF orientation is applied (5 to 8 swap the sides).</summary>
    public ImageSize OrientedSize => Orientation >= 5 ? new ImageSize(Height, Width) : new ImageSize(Width, Height);
}
