namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Rounds the corners: pixels outside a rounded rectangle of the image's size become transparent, with a one-pixel
/// anti-aliased edge. A radius larger than half the shorter side is limited to it (a pill or a circle).
/// </summary>
public sealed record CornerRadius
{
    public CornerRadius(double radius)
    {
        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "The corner radius is 0 or more.");
        }

        Radius = radius;
    }

    public double Radius { get; }

    /// <summary>The radius used on an image of this size.</summary>
    public float EffectiveRadius(int width, int height) => (float)Math.Min(Radius, Math.Min(width, height) / 2.0);

    internal void Apply(CudaImage image)
    {
        float radius = EffectiveRadius(image.Width, image.Height);
        if (radius > 0)
        {
            image.Backend.CornerRadius(image.Pixels, image.Width, image.Height, radius);
        }
    }
}
