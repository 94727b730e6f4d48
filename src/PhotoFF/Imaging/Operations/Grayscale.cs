namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Turns each pixel gray: R, G and B become its Rec. 601 luma, round(0.299 R + 0.587 G + 0.114 B) (float32, summed in
/// that order); alpha is kept. PhotoFF's <c>apply_grayscale</c>, which truncates where this rounds and skips
/// transparent pixels where this converts every pixel.
/// </summary>
public sealed record Grayscale
{
    public const double RedWeight = 0.299;
    public const double GreenWeight = 0.587;
    public const double BlueWeight = 0.114;

    internal void Apply(CudaImage image) => image.Backend.Grayscale(image.Pixels, image.Width, image.Height);
}
