using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Per-channel minimum, maximum, mean and population standard deviation of an image, and optionally each channel's
/// 256-bin histogram. The backend counts values (a reduction to exact integers); the statistics follow on the host.
/// </summary>
public sealed record Measure(bool IncludeHistogram = false)
{
    public static readonly string[] ChannelNames = ["Red", "Green", "Blue", "Alpha"];

    internal ImageStatistics Apply(CudaImage image)
    {
        const int bins = IImageBackend.HistogramBins;
        uint[] histograms = new uint[4 * bins];
        image.Backend.ChannelHistograms(image.Pixels, image.Width, image.Height, histograms);
        ChannelStatistics Channel(int c) => ChannelStatistics.FromHistogram(ChannelNames[c], histograms.AsSpan(c * bins, bins), IncludeHistogram);
        return new ImageStatistics(image.Width, image.Height, image.PixelCount, Channel(0), Channel(1), Channel(2), Channel(3), image.SourcePath);
    }
}
