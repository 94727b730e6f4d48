namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Separable Gaussian blur of <paramref name="source"/> into <paramref name="destination"/> (same size), on
    /// premultiplied values, edges clamped. <paramref name="weights"/> holds the normalized 1-D kernel, odd length,
    /// centre in the middle.
    /// </summary>
    void GaussianBlur(PixelBuffer source, PixelBuffer destination, int width, int height, ReadOnlySpan<float> weights);
}
