namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Replaces every pixel with a gradient from <see cref="From"/> to <see cref="To"/> (PhotoFF's fill_gradient): the
/// pixels are overwritten, not blended. Colours are interpolated in straight RGBA, channel by channel. A pixel's
/// position along the axis is u = x / (width - 1) (0, or the centre for radial, on a one-pixel-wide image), likewise
/// v = y / (height - 1), and t is u for <see cref="GradientDirection.Horizontal"/>, v for <see cref="GradientDirection.Vertical"/>,
/// (u + v) / 2 for <see cref="GradientDirection.Diagonal"/>, and for <see cref="GradientDirection.Radial"/> the
/// distance from the centre over the distance of a corner, sqrt(2 (u - 1/2)^2 + 2 (v - 1/2)^2), so the centre is From
/// and the corners To. <see cref="Seamless"/> goes From, To, From (t folded to 2t, then 2(1 - t)), so that the image
/// tiles without a seam.
/// </summary>
public sealed record FillGradient
{
    public FillGradient(Rgba from, Rgba to, GradientDirection direction, bool seamless = false)
    {
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "The direction is Horizontal, Vertical, Diagonal or Radial.");
        }

        From = from;
        To = to;
        Direction = direction;
        Seamless = seamless;
    }

    public Rgba From { get; }

    public Rgba To { get; }

    public GradientDirection Direction { get; }

    public bool Seamless { get; }

    private bool Radial => Direction == GradientDirection.Radial;

    /// <summary>Each column's share of t (or of t squared, for radial), computed in double and rounded once.</summary>
    public float[] ColumnTerms(int width) =>
        Terms(width, Direction is GradientDirection.Horizontal or GradientDirection.Diagonal or GradientDirection.Radial);

    /// <summary>Each row's share of t (or of t squared, for radial).</summary>
    public float[] RowTerms(int height) =>
        Terms(height, Direction is GradientDirection.Vertical or GradientDirection.Diagonal or GradientDirection.Radial);

    internal void Apply(CudaImage image) =>
        image.Backend.FillGradient(image.Pixels, image.Width, image.Height, From.Packed, To.Packed,
            ColumnTerms(image.Width), RowTerms(image.Height), Radial, Seamless);

    private float[] Terms(int count, bool used)
    {
        float[] terms = new float[count];
        if (!used || count == 1)
        {
            return terms; // Not along this axis, or one pixel: position 0 (the centre, for radial).
        }

        for (int i = 0; i < count; i++)
        {
            double position = i / (double)(count - 1);
            terms[i] = Direction switch
            {
                GradientDirection.Diagonal => (float)(position / 2),
                GradientDirection.Radial => (float)(2 * (position - 0.5) * (position - 0.5)),
                _ => (float)position,
            };
        }

        return terms;
    }
}
