namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Maps R, G and B of each pixel through <paramref name="table"/> (256 bytes), then, unless
    /// <paramref name="saturation"/> is 1, mixes each channel c with the pixel's luma L (of the mapped values, as in
    /// <see cref="Grayscale"/>): round(fma(saturation, c - L, L)) in float32, clamped to 0..255. Alpha is kept; in place.
    /// </summary>
    void ColorAdjustment(PixelBuffer image, int width, int height, ReadOnlySpan<byte> table, float saturation);
}
