namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Multiplies each pixel's alpha by <paramref name="opacity"/> (0..1) in place: alpha = round(alpha x opacity) in
    /// float32, half away from zero; R, G and B are kept.
    /// </summary>
    void Opacity(PixelBuffer image, int width, int height, float opacity);
}
