namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Composites <paramref name="overlay"/> over <paramref name="target"/> in place, source-over, its top-left corner
    /// at (<paramref name="x"/>, <paramref name="y"/>) of the target; only the part of the overlay inside the target
    /// is drawn. Straight alpha in and out, float32 on a 0..1 alpha scale, in this order:
    /// sa = (overlay alpha / 255) * <paramref name="opacity"/>; where sa is 0 the target pixel is left as it is;
    /// da = target alpha / 255; dw = da * (1 - sa); out_a = sa + dw; each colour channel
    /// fma(sc, sa, dc * dw) / out_a; alpha out_a * 255; rounded half away from zero; an alpha that rounds to 0 gives
    /// transparent black. <paramref name="overlay"/> is only read.
    /// </summary>
    void CompositeOver(PixelBuffer target, int width, int height, PixelBuffer overlay, int overlayWidth, int overlayHeight,
        int x, int y, float opacity);
}
