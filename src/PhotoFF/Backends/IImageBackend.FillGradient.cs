namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Replaces every pixel with a gradient between two straight RGBA colours (R in the lowest byte). The position
    /// along the gradient is t = <paramref name="columnTerms"/>[x] + <paramref name="rowTerms"/>[y] (float32), its
    /// square root when <paramref name="radial"/>, then clamped to [0, 1]; <paramref name="seamless"/> folds it to
    /// 2t below 0.5 and 2(1 - t) from there (there and back). Each channel is fma(t, to - from, from), rounded half
    /// away from zero. The terms are computed by the caller, so both backends add the same floats.
    /// </summary>
    void FillGradient(PixelBuffer image, int width, int height, uint from, uint to,
        ReadOnlySpan<float> columnTerms, ReadOnlySpan<float> rowTerms, bool radial, bool seamless);
}
