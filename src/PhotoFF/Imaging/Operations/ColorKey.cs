namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Green-screen keying: pixels whose color is within <see cref="Tolerance"/> of <see cref="Color"/> become transparent,
/// with a linear soft edge <see cref="Softness"/> wide. Distances are Euclidean in R, G, B (the key's alpha is ignored),
/// normalized so that 1 is the distance from black to white (255 x sqrt 3). With d that distance, alpha is multiplied
/// by clamp((d - Tolerance) / Softness, 0, 1) (Softness 0: a hard edge, d &lt;= Tolerance keyed out); a pixel whose
/// alpha becomes 0 is transparent black. <see cref="SuppressSpill"/> limits the key's dominant channel (the largest of
/// its R, G, B; on a tie G, then B, then R) of the remaining pixels to the mean of their other two channels, which takes
/// the green cast off edges and reflections.
/// </summary>
public sealed record ColorKey
{
    public const double DefaultSoftness = 0.1;

    /// <summary>The distance from black to white in 8-bit units: what a normalized distance of 1 means.</summary>
    public static readonly double MaxDistance = 255 * Math.Sqrt(3);

    public ColorKey(Rgba color, double tolerance, double softness = DefaultSoftness, bool suppressSpill = false)
    {
        if (!double.IsFinite(tolerance) || tolerance < 0 || tolerance > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance is 0 to 1.");
        }

        if (!double.IsFinite(softness) || softness < 0 || softness > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(softness), softness, "The softness is 0 to 1.");
        }

        Color = color;
        Tolerance = tolerance;
        Softness = softness;
        SuppressSpill = suppressSpill;
    }

    public Rgba Color { get; }

    /// <summary>Normalized RGB distance, 0..1, within which pixels are keyed out entirely.</summary>
    public double Tolerance { get; }

    /// <summary>Width of the linear alpha ramp beyond <see cref="Tolerance"/>, normalized like it.</summary>
    public double Softness { get; }

    public bool SuppressSpill { get; }

    /// <summary>The key's dominant channel, which spill suppression limits: the largest of R, G, B; on a tie G, then B, then R.</summary>
    public ColorChannel SpillChannel =>
        Color.G >= Color.R && Color.G >= Color.B ? ColorChannel.G : Color.B >= Color.R ? ColorChannel.B : ColorChannel.R;

    internal void Apply(CudaImage image) =>
        image.Backend.ColorKey(image.Pixels, image.Width, image.Height, Color.Packed,
            (float)(Tolerance * MaxDistance), (float)(Softness * MaxDistance), SuppressSpill ? (int)SpillChannel : -1);
}
