namespace PhotoFF.Codecs;

/// <summary>What a JPEG says before its first scan: the frame's size and the EXIF and ICC blocks.</summary>
/// <param name="Width">The frame's width, as stored.</param>
/// <param name="Height">The frame's height, as stored.</param>
/// <param name="Exif">The first APP1 EXIF segment ("Exif\0\0" and the TIFF block), or null.</param>
/// <param name="Icc">The ICC profile, its APP2 chunks joined in order, or null when absent or incomplete.</param>
internal sealed record JpegFileHeader(int Width, int Height, byte[]? Exif, byte[]? Icc);
