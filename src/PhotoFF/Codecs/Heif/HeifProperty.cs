namespace PhotoFF.Codecs.Heif;

/// <summary>An item property of the ipco box that this reader understands.</summary>
internal abstract record HeifProperty;

/// <summary>hvcC: how the item's HEVC data is coded.</summary>
internal sealed record HevcConfigurationProperty(HevcConfiguration Configuration) : HeifProperty;

/// <summary>ispe: the width and height of the reconstructed image, before any transformation.</summary>
internal sealed record SpatialExtentProperty(int Width, int Height) : HeifProperty;

/// <summary>irot: rotation by <see cref="QuarterTurns"/> x 90 degrees anti-clockwise.</summary>
internal sealed record RotationProperty(int QuarterTurns) : HeifProperty;

/// <summary>
/// imir: a mirror image. <see cref="LeftRight"/> is axis 1 (columns swap); axis 0 swaps rows top to bottom: the reading
/// of libheif, whose output libvips and heif-convert show.
/// </summary>
internal sealed record MirrorProperty(bool LeftRight) : HeifProperty;

/// <summary>clap: the clean aperture, fractions as stored (ISO 14496-12 12.1.4).</summary>
internal sealed record CleanApertureProperty(
    long WidthN, long WidthD, long HeightN, long HeightD,
    long HorizontalOffsetN, long HorizontalOffsetD, long VerticalOffsetN, long VerticalOffsetD) : HeifProperty;

/// <summary>colr of type nclx: the coding-independent code points of ITU-T H.273.</summary>
internal sealed record NclxColourProperty(int Primaries, int Transfer, int Matrix, bool FullRange) : HeifProperty;

/// <summary>colr of type prof or rICC: an ICC profile.</summary>
internal sealed record IccColourProperty(byte[] Profile) : HeifProperty;

/// <summary>pixi: bits per channel.</summary>
internal sealed record PixelInformationProperty(IReadOnlyList<int> BitsPerChannel) : HeifProperty;

/// <summary>auxC: what an auxiliary image is (alpha, depth...), as a URN.</summary>
internal sealed record AuxiliaryTypeProperty(string Type) : HeifProperty;

/// <summary>A property this reader does not interpret; <see cref="Type"/> says which.</summary>
internal sealed record OtherProperty(uint Type) : HeifProperty;
