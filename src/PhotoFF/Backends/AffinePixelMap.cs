namespace PhotoFF.Backends;

/// <summary>
/// Where each pixel of a destination image comes from in a source image, as an integer affine map:
/// source x = Ax * x + Bx * y + Cx, source y = Ay * x + By * y + Cy. The eight EXIF orientations are such maps
/// (mirrors, quarter turns and transposes), so one kernel applies any of them.
/// </summary>
internal readonly record struct AffinePixelMap(int Ax, int Bx, int Cx, int Ay, int By, int Cy)
{
    public static AffinePixelMap Identity => new(1, 0, 0, 0, 1, 0);

    public (int X, int Y) Source(int x, int y) => (Ax * x + Bx * y + Cx, Ay * x + By * y + Cy);
}
