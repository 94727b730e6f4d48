using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Sharpening by unsharp mask: out = in + Amount x (in - blur(in)) for each straight colour channel whose difference
/// from the blur exceeds <see cref="Threshold"/>; alpha is kept and fully transparent pixels are left alone. The blur is
/// <see cref="GaussianBlur"/> with sigma = radius / 2.
/// </summary>
public sealed record Sharpen
{
    public const double MaxAmount = 20;

    public const double DefaultRadius = 2;

    public const double DefaultAmount = 1;

    public Sharpen(double radius, double amount, int threshold = 0)
    {
        if (!double.IsFinite(amount) || amount < 0 || amount > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"The amount is 0 to {MaxAmount}.");
        }

        if (threshold is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is 0 to 255.");
        }

        Blur = GaussianBlur.FromRadius(radius);
        Radius = radius;
        Amount = amount;
        Threshold = threshold;
    }

    public double Radius { get; }

    public double Amount { get; }

    public int Threshold { get; }

    /// <summary>The blur the image is compared with.</summary>
    public GaussianBlur Blur { get; }

    internal void Apply(CudaImage image)
    {
        if (Blur.HalfWidth == 0 || Amount == 0 || Threshold == 255 || image.PixelCount == 0)
        {
            return;
        }

        using PixelBuffer blurred = image.AllocateLike(image.Width, image.Height);
        image.Backend.GaussianBlur(image.Pixels, blurred, image.Width, image.Height, Blur.Weights());
        image.Backend.Sharpen(image.Pixels, blurred, image.Width, image.Height, (float)Amount, Threshold);
    }
}
