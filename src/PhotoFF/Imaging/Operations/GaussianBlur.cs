namespace PhotoFF.Imaging.Operations;

/// <summary>
/// A Gaussian blur: separable, on premultiplied values (transparent pixels never bleed dark fringes), edges clamped.
/// The kernel reaches 3 sigma each side in full, whatever its size. A radius r means sigma = r / 2, as in PhotoFF.
/// </summary>
public sealed record GaussianBlur
{
    public const double SigmaPerRadius = 0.5;

    /// <summary>The reach of the kernel each side, in sigmas.</summary>
    public const double SupportInSigmas = 3.0;

    /// <summary>The largest sigma accepted: a kernel of about 3,000 taps.</summary>
    public const double MaxSigma = 500;

    public GaussianBlur(double sigma)
    {
        if (!double.IsFinite(sigma) || sigma < 0 || sigma > MaxSigma)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"Sigma is 0 to {MaxSigma}.");
        }

        Sigma = sigma;
    }

    public double Sigma { get; }

    /// <summary>Taps each side of the centre: ceil(3 sigma).</summary>
    public int HalfWidth => (int)Math.Ceiling(SupportInSigmas * Sigma - 1e-9);

    public static GaussianBlur FromRadius(double radius)
    {
        if (!double.IsFinite(radius) || radius < 0 || radius > MaxSigma / SigmaPerRadius)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"The radius is 0 to {MaxSigma / SigmaPerRadius}.");
        }

        return new GaussianBlur(radius * SigmaPerRadius);
    }

    /// <summary>The normalized 1-D kernel, 2 x <see cref="HalfWidth"/> + 1 taps, computed in double.</summary>
    public float[] Weights()
    {
        int half = HalfWidth;
        double[] exact = new double[2 * half + 1];
        for (int i = -half; i <= half; i++)
        {
            exact[i + half] = Math.Exp(-(i * (double)i) / (2 * Sigma * Sigma));
        }

        double sum = exact.Sum();
        return exact.Select(w => (float)(w / sum)).ToArray();
    }

    /// <summary>Blurs <paramref name="image"/> in place (its pixels move to a new pooled buffer).</summary>
    internal void Apply(CudaImage image)
    {
        if (HalfWidth == 0)
        {
            return;
        }

        var output = image.AllocateLike(image.Width, image.Height);
        try
        {
            image.Backend.GaussianBlur(image.Pixels, output, image.Width, image.Height, Weights());
        }
        catch
        {
            output.Dispose();
            throw;
        }

        image.ReplacePixels(output, image.Width, image.Height);
    }
}
