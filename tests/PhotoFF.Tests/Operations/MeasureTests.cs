using PhotoFF.Backends;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class MeasureTests
{
    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_statistics_equal_a_direct_computation(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 13 + height);
        using CudaImage image = CudaImage.FromPixels(input, width, height, TestBackends.Cpu);
        ImageStatistics statistics = image.Measure(histogram: true);

        Assert.Equal(width, statistics.Width);
        Assert.Equal(height, statistics.Height);
        Assert.Equal((long)width * height, statistics.PixelCount);
        for (int c = 0; c < 4; c++)
        {
            byte[] values = Enumerable.Range(0, width * height).Select(i => input[i * 4 + c]).ToArray();
            double mean = values.Sum(v => (double)v) / values.Length;
            double deviation = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            ChannelStatistics channel = statistics.Channels[c];
            Assert.Equal(new[] { "Red", "Green", "Blue", "Alpha" }[c], channel.Channel);
            Assert.Equal(values.Min(), channel.Minimum);
            Assert.Equal(values.Max(), channel.Maximum);
            Assert.Equal(values.Length, channel.Count);
            Assert.Equal((ulong)values.Sum(v => (long)v), channel.Sum);
            Assert.Equal(mean, channel.Mean, 12);
            Assert.Equal(deviation, channel.StandardDeviation, 9);
            long[] expectedHistogram = new long[256];
            foreach (byte v in values)
            {
                expectedHistogram[v]++;
            }

            Assert.Equal(expectedHistogram, channel.Histogram);
            Assert.Equal(statistics.PixelCount, channel.Histogram!.Sum());
        }
    }

    [Fact]
    public void A_constant_image_has_no_spread_and_histograms_are_left_out_unless_asked_for()
    {
        using CudaImage image = CudaImage.Create(9, 5, new Rgba(10, 20, 30, 40), TestBackends.Cpu);
        ImageStatistics statistics = image.Measure();
        Assert.Equal(new[] { 10, 20, 30, 40 }, statistics.Channels.Select(c => c.Minimum));
        Assert.Equal(new[] { 10, 20, 30, 40 }, statistics.Channels.Select(c => c.Maximum));
        Assert.Equal(new[] { 10.0, 20.0, 30.0, 40.0 }, statistics.Channels.Select(c => c.Mean));
        Assert.All(statistics.Channels, c => Assert.Equal(0.0, c.StandardDeviation));
        Assert.All(statistics.Channels, c => Assert.Null(c.Histogram));
    }

    [Fact]
    public void Two_values_give_the_population_deviation()
    {
        // Half 0, half 255: mean 127.5, population standard deviation 127.5 (not the sample one, 127.5 * sqrt(4/3)).
        byte[] input = new byte[4 * 4];
        for (int i = 0; i < 2; i++)
        {
            input.AsSpan(i * 4, 4).Fill(255);
        }

        using CudaImage image = CudaImage.FromPixels(input, 2, 2, TestBackends.Cpu);
        ChannelStatistics red = image.Measure().Red;
        Assert.Equal(127.5, red.Mean);
        Assert.Equal(127.5, red.StandardDeviation);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_histograms_equal_the_cpu_ones_exactly(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width + 5 * height);
        uint[] expected = Histograms(TestBackends.Cpu, input, width, height);
        uint[] actual = Histograms(TestBackends.Cuda, input, width, height);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Cuda_histograms_of_a_large_constant_image_count_every_pixel()
    {
        // Every thread of every block hits the same bins; a 4K frame is more pixels than one pass of the grid.
        using CudaImage image = CudaImage.Create(3840, 2161, new Rgba(1, 2, 3, 4), TestBackends.Cuda);
        ImageStatistics statistics = image.Measure(histogram: true);
        Assert.Equal(3840L * 2161, statistics.Red.Histogram![1]);
        Assert.Equal(3840L * 2161, statistics.Alpha.Histogram![4]);
        Assert.Equal(4.0, statistics.Alpha.Mean);
    }

    private static uint[] Histograms(IImageBackend backend, byte[] input, int width, int height)
    {
        using CudaImage image = CudaImage.FromPixels(input, width, height, backend);
        uint[] histograms = new uint[4 * IImageBackend.HistogramBins];
        backend.ChannelHistograms(image.Pixels, width, height, histograms);
        return histograms;
    }
}
