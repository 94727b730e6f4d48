namespace PhotoFF.Imaging;

/// <summary>What Measure-CudaImage reports for one image: its size and the statistics of each channel.</summary>
public sealed record ImageStatistics(
    int Width,
    int Height,
    long PixelCount,
    ChannelStatistics Red,
    ChannelStatistics Green,
    ChannelStatistics Blue,
    ChannelStatistics Alpha,
    string? SourcePath)
{
    /// <summary>Red, Green, Blue and Alpha, in that order: <c>$stats.Channels | Format-Table</c>.</summary>
    public IReadOnlyList<ChannelStatistics> Channels => [Red, Green, Blue, Alpha];
}
