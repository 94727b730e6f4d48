namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Compares two images of the same size. <paramref name="histograms"/> (5 x 256 entries, overwritten) receives at
    /// [c * 256 + d] the number of pixels whose channel c (0 R, 1 G, 2 B, 3 A) differs by exactly d = |a - b|, and at
    /// [4 * 256 + d] the number of pixels whose largest channel difference is d. With a <paramref name="difference"/>
    /// buffer, also writes |a - b| for R, G and B there with alpha 255, so that the difference is visible.
    /// Waits for the result.
    /// </summary>
    void DifferenceHistograms(PixelBuffer first, PixelBuffer second, int width, int height, PixelBuffer? difference, Span<uint> histograms);
}
