using PhotoFF.Backends;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class CompareTests
{
    [Fact]
    public void Identical_images_compare_as_identical()
    {
        byte[] input = RandomImages.Rgba(33, 17, seed: 1);
        using CudaImage a = CudaImage.FromPixels(input, 33, 17, TestBackends.Cpu);
        using CudaImage b = CudaImage.FromPixels(input, 33, 17, TestBackends.Cpu);
        ImageComparison comparison = a.Compare(b);
        Assert.Equal(0, comparison.MaxDifference);
        Assert.Equal(new ChannelValues(0, 0, 0, 0), comparison.ChannelMaxDifference);
        Assert.Equal(0, comparison.DifferentPixels);
        Assert.Equal(0.0, comparison.MeanAbsoluteError);
        Assert.Equal(double.PositiveInfinity, comparison.Psnr);
        Assert.True(comparison.Identical);
        Assert.Null(comparison.DifferenceImage);
    }

    [Fact]
    public void One_channel_of_one_pixel_changed_by_seven()
    {
        const int width = 127, height = 61;
        byte[] input = RandomImages.Rgba(width, height, seed: 2);
        byte[] changed = (byte[])input.Clone();
        int pixel = 40 * width + 99;
        changed[pixel * 4 + 1] = (byte)(input[pixel * 4 + 1] >= 7 ? input[pixel * 4 + 1] - 7 : input[pixel * 4 + 1] + 7);
        using CudaImage a = CudaImage.FromPixels(changed, width, height, TestBackends.Cpu);
        using CudaImage b = CudaImage.FromPixels(input, width, height, TestBackends.Cpu);
        ImageComparison comparison = a.Compare(b);
        double samples = 4.0 * width * height;
        Assert.Equal(7, comparison.MaxDifference);
        Assert.Equal(new ChannelValues(0, 7, 0, 0), comparison.ChannelMaxDifference);
        Assert.Equal(1, comparison.DifferentPixels);
        Assert.Equal(7 / samples, comparison.MeanAbsoluteError, 15);
        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / (49 / samples)), comparison.Psnr, 10);
        Assert.False(comparison.Identical);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Random_images_match_a_direct_computation_and_the_difference_image(int width, int height)
    {
        byte[] first = RandomImages.Rgba(width, height, seed: width);
        byte[] second = RandomImages.Rgba(width, height, seed: height + 1000);
        using CudaImage a = CudaImage.FromPixels(first, width, height, TestBackends.Cpu);
        using CudaImage b = CudaImage.FromPixels(second, width, height, TestBackends.Cpu);
        ImageComparison comparison = a.Compare(b, differenceImage: true);
        using CudaImage difference = comparison.DifferenceImage!;

        int[] channelMax = new int[4];
        long different = 0;
        double sumAbsolute = 0, sumSquares = 0;
        byte[] expectedDifference = new byte[first.Length];
        for (int p = 0; p < width * height; p++)
        {
            bool differs = false;
            for (int c = 0; c < 4; c++)
            {
                int d = Math.Abs(first[p * 4 + c] - second[p * 4 + c]);
                channelMax[c] = Math.Max(channelMax[c], d);
                sumAbsolute += d;
                sumSquares += d * d;
                differs |= d != 0;
                expectedDifference[p * 4 + c] = c == 3 ? (byte)255 : (byte)d;
            }

            different += differs ? 1 : 0;
        }

        double samples = 4.0 * width * height;
        Assert.Equal(new ChannelValues(channelMax[0], channelMax[1], channelMax[2], channelMax[3]), comparison.ChannelMaxDifference);
        Assert.Equal(channelMax.Max(), comparison.MaxDifference);
        Assert.Equal(different, comparison.DifferentPixels);
        Assert.Equal(sumAbsolute / samples, comparison.MeanAbsoluteError, 12);
        Assert.Equal(sumSquares == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 * samples / sumSquares), comparison.Psnr, 10);
        Assert.Equal(width, difference.Width);
        Assert.Equal(height, difference.Height);
        Assert.Equal(expectedDifference, difference.ToArray());
    }

    [Fact]
    public void Images_of_different_sizes_are_refused()
    {
        using CudaImage a = CudaImage.Create(4, 3, null, TestBackends.Cpu);
        using CudaImage b = CudaImage.Create(3, 4, null, TestBackends.Cpu);
        ImageSizeMismatchException error = Assert.Throws<ImageSizeMismatchException>(() => a.Compare(b));
        Assert.Contains("4x3", error.Message);
        Assert.Contains("3x4", error.Message);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_difference_histograms_and_image_equal_the_cpu_ones_exactly(int width, int height)
    {
        byte[] first = RandomImages.Rgba(width, height, seed: 3 * width + height);
        byte[] second = (byte[])first.Clone();
        Random random = new(width * height);
        for (int i = 0; i < second.Length; i += 1 + random.Next(13))
        {
            second[i] = (byte)random.Next(256);
        }

        (uint[] expected, byte[] expectedImage) = Difference(TestBackends.Cpu, first, second, width, height);
        (uint[] actual, byte[] actualImage) = Difference(TestBackends.Cuda, first, second, width, height);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedImage, actualImage);
    }

    [Fact]
    public void A_reference_on_another_backend_is_compared_too()
    {
        byte[] input = RandomImages.Rgba(31, 9, seed: 4);
        using CudaImage onCuda = CudaImage.FromPixels(input, 31, 9, TestBackends.Cuda);
        using CudaImage onCpu = CudaImage.FromPixels(input, 31, 9, TestBackends.Cpu);
        Assert.True(onCuda.Compare(onCpu).Identical);
        Assert.True(onCpu.Compare(onCuda).Identical);
    }

    private static (uint[] Histograms, byte[] Image) Difference(IImageBackend backend, byte[] first, byte[] second, int width, int height)
    {
        using CudaImage a = CudaImage.FromPixels(first, width, height, backend);
        using CudaImage b = CudaImage.FromPixels(second, width, height, backend);
        using CudaImage difference = CudaImage.FromPixels(RandomImages.Poison(first.Length), width, height, backend);
        uint[] histograms = new uint[5 * IImageBackend.HistogramBins];
        backend.DifferenceHistograms(a.Pixels, b.Pixels, width, height, difference.Pixels, histograms);
        return (histograms, difference.ToArray());
    }
}
