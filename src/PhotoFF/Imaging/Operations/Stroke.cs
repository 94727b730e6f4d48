namespace PhotoFF.Imaging.Operations;

/// <summary>
/// A stroke around the image's shape (its pixels with alpha 128 or more), computed from an exact distance field, so
/// its cost does not depend on the width. Outer (the default): a band of <see cref="Width"/> pixels outside the
/// shape, painted under the image. Inner: the band inside the shape's edge, painted over the image and clipped to it;
/// the outside of the image counts as background, so on an opaque image an inner stroke is a frame. The band's outer
/// edge is anti-aliased.
/// </summary>
public sealed record Stroke
{
    public const double MaxWidth = 10_000;

    public Stroke(double width, Rgba color, bool inner = false)
    {
        if (!double.IsFinite(width) || width < 0 || width > MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"The stroke width is 0 to {MaxWidth} pixels.");
        }

        Width = width;
        Color = color;
        Inner = inner;
    }

    public double Width { get; }

    public Rgba Color { get; }

    public bool Inner { get; }

    internal void Apply(CudaImage image)
    {
        if (Width == 0 || Color.A == 0 || image.PixelCount == 0)
        {
            return;
        }

        image.Backend.StrokeShape(image.Pixels, image.Width, image.Height, (float)Width, Color.Packed, Inner);
    }
}
