namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Where a resize puts an image: the output is <see cref="Width"/> x <see cref="Height"/>; the resampled image,
/// <see cref="ContentWidth"/> x <see cref="ContentHeight"/>, sits at (<see cref="ContentX"/>, <see cref="ContentY"/>)
/// with the background around it (Contain). Along each axis the source is sampled at
/// origin + (d + 0.5) / scale - 0.5 for content pixel d (origins are non-zero when Cover crops).
/// </summary>
public sealed record ResizeLayout(
    int Width,
    int Height,
    int ContentX,
    int ContentY,
    int ContentWidth,
    int ContentHeight,
    double ScaleX,
    double ScaleY,
    double OriginX = 0,
    double OriginY = 0)
{
    /// <summary>Whether the layout maps every pixel to itself.</summary>
    public bool IsIdentity(int sourceWidth, int sourceHeight) =>
        Width == sourceWidth && Height == sourceHeight && ContentWidth == sourceWidth && ContentHeight == sourceHeight
        && ScaleX == 1 && ScaleY == 1 && OriginX == 0 && OriginY == 0;

    /// <summary>Whether any axis is enlarged.</summary>
    public bool Enlarges => ScaleX > 1 || ScaleY > 1;
}
