namespace PhotoFF.Imaging.Operations;

/// <summary>Replaces every pixel with one colour (PhotoFF's fill_color): the pixels are overwritten, not blended.</summary>
public sealed record FillColor(Rgba Color)
{
    internal void Apply(CudaImage image) => image.Backend.Fill(image.Pixels, image.PixelCount, Color.Packed);
}
