namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Turns <paramref name="source"/> (<paramref name="width"/> x <paramref name="height"/>) clockwise by
    /// <paramref name="quarterTurns"/> x 90 degrees (1, 2 or 3) into <paramref name="destination"/>, which is
    /// <paramref name="height"/> x <paramref name="width"/> for 1 and 3 turns. A pure permutation: destination pixel
    /// (x, y) is source pixel (y, height - 1 - x) for one turn, (width - 1 - x, height - 1 - y) for two and
    /// (width - 1 - y, x) for three.
    /// </summary>
    void RotateQuarterTurns(PixelBuffer source, PixelBuffer destination, int width, int height, int quarterTurns);

    /// <summary>
    /// Resamples <paramref name="source"/> through an affine map into <paramref name="destination"/>
    /// (<paramref name="width"/> x <paramref name="height"/>), bilinearly on premultiplied values. Destination pixel
    /// (x, y) samples the source at sx = fma(m0, x, fma(m1, y, m2)), sy = fma(m3, x, fma(m4, y, m5)) (float32, source
    /// pixel i's centre at i): the four pixels around it are weighted by the fractions of sx and sy, lerps written
    /// fma(t, b - a, a), top row then bottom row, then between the rows. A tap outside the source counts as
    /// <paramref name="background"/>; a pixel whose taps all lie outside is exactly <paramref name="background"/>.
    /// </summary>
    void WarpAffine(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int width, int height,
        ReadOnlySpan<float> inverse, uint background);
}
