using System.Globalization;

namespace PhotoFF.Imaging;

/// <summary>
/// Statistics of one channel (R, G, B or A) over every pixel of an image: exact integer counts and sums, from which
/// the mean and the population standard deviation are computed in double. The same on every backend.
/// </summary>
public sealed record ChannelStatistics
{
    private ChannelStatistics(string channel, int minimum, int maximum, long count, ulong sum, double mean, double standardDeviation, long[]? histogram)
    {
        Channel = channel;
        Minimum = minimum;
        Maximum = maximum;
        Count = count;
        Sum = sum;
        Mean = mean;
        StandardDeviation = standardDeviation;
        Histogram = histogram;
    }

    /// <summary>Red, Green, Blue or Alpha.</summary>
    public string Channel { get; }

    public int Minimum { get; }

    public int Maximum { get; }

    /// <summary>The number of pixels counted.</summary>
    public long Count { get; }

    /// <summary>The sum of the channel's values over all pixels.</summary>
    public ulong Sum { get; }

    public double Mean { get; }

    /// <summary>The population standard deviation (divided by the pixel count, not one less).</summary>
    public double StandardDeviation { get; }

    /// <summary>256 counts, one per value (Histogram[v] = pixels whose channel is v); null unless asked for.</summary>
    public long[]? Histogram { get; }

    /// <summary>From a 256-bin histogram of the channel; <paramref name="keepHistogram"/> keeps the bins in the result.</summary>
    public static ChannelStatistics FromHistogram(string channel, ReadOnlySpan<uint> bins, bool keepHistogram)
    {
        if (bins.Length != 256)
        {
            throw new ArgumentException($"A channel histogram has 256 bins, not {bins.Length}.", nameof(bins));
        }

        long count = 0;
        ulong sum = 0;
        UInt128 sumOfSquares = 0;
        int minimum = -1;
        int maximum = -1;
        for (int value = 0; value < 256; value++)
        {
            uint n = bins[value];
            if (n == 0)
            {
                continue;
            }

            minimum = minimum < 0 ? value : minimum;
            maximum = value;
            count += n;
            sum += (ulong)value * n;
            sumOfSquares += (UInt128)((ulong)value * (ulong)value * n);
        }

        if (count == 0)
        {
            throw new ArgumentException("The histogram is empty.", nameof(bins));
        }

        // Variance = (n * sum(v^2) - sum(v)^2) / n^2: the numerator exactly in integers, one division in double.
        UInt128 spread = (UInt128)count * sumOfSquares - (UInt128)sum * sum;
        double variance = (double)spread / ((double)count * count);
        long[]? histogram = keepHistogram ? bins.ToArray().Select(n => (long)n).ToArray() : null;
        return new ChannelStatistics(channel, minimum, maximum, count, sum, (double)sum / count, Math.Sqrt(variance), histogram);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Minimum}..{Maximum}, mean {Mean:0.###}, sd {StandardDeviation:0.###}");
}
