namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Fades the image: each pixel's alpha is multiplied by <see cref="Value"/> and rounded (half away from zero, in
/// float32); colors are kept. PhotoFF's <c>apply_opacity</c>, which truncates where this rounds.
/// </summary>
public sealed record Opacity
{
    public Opacity(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The opacity is 0 to 1.");
        }

        Value = value;
    }

    /// <summary>The factor on alpha, 0 (transparent) to 1 (unchanged).</summary>
    public double Value { get; }

    internal void Apply(CudaImage image)
    {
        if (Value < 1)
        {
            image.Backend.Opacity(image.Pixels, image.Width, image.Height, (float)Value);
        }
    }
}
