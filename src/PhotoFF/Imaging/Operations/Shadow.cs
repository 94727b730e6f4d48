namespace PhotoFF.Imaging.Operations;

/// <summary>
/// A shadow of the image's shape (its pixels with alpha 128 or more), from an exact distance field, so its cost does
/// not depend on the radius. Outer (the default): a drop shadow, the shape moved by the offset, solid inside and
/// fading out over <see cref="Radius"/> pixels from its edge (1 - smoothstep), with alpha Intensity x Color.A,
/// painted under the image and clipped to the canvas. Inner: the shadow that the shape's surroundings, moved by the
/// offset, cast inside the shape's edge, painted over the image and only on the shape; the outside of the image
/// counts as background.
/// </summary>
public sealed record Shadow
{
    public const double MaxRadius = 10_000;

    public const int MaxOffset = 65_536;

    public const double DefaultRadius = 10;

    public const double DefaultIntensity = 0.5;

    public Shadow(double radius, double intensity, Rgba color, int offsetX = 0, int offsetY = 0, bool inner = false)
    {
        if (!double.IsFinite(radius) || radius < 0 || radius > MaxRadius)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"The shadow radius is 0 to {MaxRadius} pixels.");
        }

        if (!double.IsFinite(intensity) || intensity < 0 || intensity > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(intensity), intensity, "The shadow intensity is 0 to 1.");
        }

        if (Math.Abs((long)offsetX) > MaxOffset || Math.Abs((long)offsetY) > MaxOffset)
        {
            throw new ArgumentOutOfRangeException(offsetX == 0 ? nameof(offsetY) : nameof(offsetX), $"The shadow offsets are -{MaxOffset} to {MaxOffset} pixels.");
        }

        Radius = radius;
        Intensity = intensity;
        Color = color;
        OffsetX = offsetX;
        OffsetY = offsetY;
        Inner = inner;
    }

    public double Radius { get; }

    public double Intensity { get; }

    public Rgba Color { get; }

    public int OffsetX { get; }

    public int OffsetY { get; }

    public bool Inner { get; }

    /// <summary>The shadow's alpha where it is full (0..255): intensity x the colour's alpha.</summary>
    public float PeakAlpha => (float)(Intensity * Color.A);

    internal void Apply(CudaImage image)
    {
        if (PeakAlpha == 0 || image.PixelCount == 0)
        {
            return;
        }

        image.Backend.ShadowShape(image.Pixels, image.Width, image.Height, OffsetX, OffsetY, (float)Radius, PeakAlpha, Color.Packed, Inner);
    }
}
