namespace PhotoFF.Backends;

public partial interface IImageBackend
{
    /// <summary>The number of bins of one channel's histogram: one per 8-bit value.</summary>
    const int HistogramBins = 256;

    /// <summary>
    /// Counts the values of each channel: <paramref name="histograms"/> (4 x 256 entries, overwritten) receives at
    /// [c * 256 + v] the number of pixels whose channel c (0 R, 1 G, 2 B, 3 A) equals v. Integer counts, so both
    /// backends agree exactly; minimum, maximum, sums and moments all follow from them. Waits for the result.
    /// </summary>
    void ChannelHistograms(PixelBuffer source, int width, int height, Span<uint> histograms);
}
