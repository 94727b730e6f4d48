namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Replaces R, G and B of each pixel with its luma, in place: round(0.299 R + 0.587 G + 0.114 B), summed in float32
    /// in that order with fused multiply-adds for the second and third terms; alpha is kept.
    /// </summary>
    void Grayscale(PixelBuffer image, int width, int height);
}
