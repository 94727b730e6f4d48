using PhotoFF.Backends.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class GaussianBlurTests
{
    [Fact]
    public void Radius_is_twice_sigma_and_the_kernel_reaches_three_sigma()
    {
        GaussianBlur blur = GaussianBlur.FromRadius(5);
        Assert.Equal(2.5, blur.Sigma);
        Assert.Equal(8, blur.HalfWidth);
        float[] weights = blur.Weights();
        Assert.Equal(17, weights.Length);
        Assert.Equal(1.0, weights.Sum(w => (double)w), 5);
        Assert.Equal(weights[0], weights[^1]);
    }

    [Fact]
    public void A_radius_of_50_is_honoured_in_full()
    {
        // PhotoFF clamps its kernel to 25 pixels each side; a radius of 50 (sigma 25) reaches 75.
        Assert.Equal(75, GaussianBlur.FromRadius(50).HalfWidth);
        const int width = 301;
        byte[] input = new byte[width * 4];
        input[150 * 4] = 255; // One white opaque pixel on transparent: its alpha spreads 75 pixels each way.
        input[150 * 4 + 3] = 255;
        using CudaImage image = CudaImage.FromPixels(input, width, 1, TestBackends.Cpu);
        image.GaussianBlur(50);
        byte[] output = image.ToArray();
        double[] expected = Float64Reference.Blur(input, width, 1, 25.0);
        for (int x = 0; x < width; x++)
        {
            Assert.InRange(output[x * 4 + 3], Math.Max(0, expected[x * 4 + 3] - 1), expected[x * 4 + 3] + 1);
        }

        // The tail of the kernel is there: alpha at 60 pixels out is small but the reference says it is not 0 ... in
        // 1-D the peak is 255 * 0.016, so compare sums instead: the blurred alpha keeps the total.
        double total = Enumerable.Range(0, width).Sum(x => (double)output[x * 4 + 3]);
        Assert.InRange(total, 255 - 30, 255 + 30);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_blur_matches_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 31 + height);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.GaussianBlur(5), out _);
        byte[] expected = Float64Reference.ToBytes(Float64Reference.Blur(input, width, height, 2.5));
        PixelAssert.Equal(expected, output, width, tolerance: 1);
    }

    [Fact]
    public void Cpu_blur_with_a_large_radius_matches_a_float64_reference()
    {
        byte[] input = RandomImages.Rgba(97, 45, seed: 7);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 97, 45, image => image.GaussianBlur(40), out _);
        PixelAssert.Equal(Float64Reference.ToBytes(Float64Reference.Blur(input, 97, 45, 20)), output, 97, tolerance: 1);
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Radius_zero_leaves_the_image_unchanged(string backend)
    {
        byte[] input = RandomImages.Rgba(31, 17, seed: 3);
        byte[] output = BackendParity.Run(TestBackends.Named(backend), input, 31, 17, image => image.GaussianBlur(0), out _);
        Assert.Equal(input, output);
    }

    [Fact]
    public void Transparent_pixels_do_not_darken_the_edge()
    {
        // Opaque white beside transparent black: premultiplied filtering keeps the colour white where alpha remains.
        const int width = 40;
        byte[] input = new byte[width * 4];
        for (int x = 0; x < 20; x++)
        {
            input[x * 4] = input[x * 4 + 1] = input[x * 4 + 2] = input[x * 4 + 3] = 255;
        }

        using CudaImage image = CudaImage.FromPixels(input, width, 1, TestBackends.Cpu);
        byte[] output = image.GaussianBlur(6).ToArray();
        for (int x = 0; x < width; x++)
        {
            if (output[x * 4 + 3] > 0)
            {
                Assert.True(output[x * 4] >= 254, $"pixel {x} darkened to {output[x * 4]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_blur_equals_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width + height, image => image.GaussianBlur(5));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]  // 8 taps each side: a fused tile kernel
    [InlineData(10.6)] // 16 each side: the largest fused kernel
    [InlineData(11.0)] // 17 each side: the smallest two-pass blur
    [InlineData(12.0)]
    [InlineData(32.0)]
    [InlineData(33.0)]
    [InlineData(50.0)]
    public void Cuda_blur_equals_the_cpu_reference_at_every_kernel_size(double radius)
    {
        BackendParity.Check(131, 77, seed: (int)radius, image => image.GaussianBlur(radius));
    }

    /// <summary>Where the blur's fused 32 x 64 tile fits a block's shared memory, it runs; else the 32 x 32 tile (GPUs
    /// with less shared memory); past 16 taps each side, or when neither fits, the two passes.</summary>
    [Fact]
    public void The_fused_tile_is_the_tallest_whose_shared_memory_fits()
    {
        const int H200 = 227 * 1024, V100 = 96 * 1024, Turing = 64 * 1024;
        Assert.All(Enumerable.Range(1, 16), half => Assert.Equal(64, CudaBackend.FusedTileHeight(half, H200)));
        Assert.Null(CudaBackend.FusedTileHeight(17, H200));
        Assert.Equal([64, 64, 64, 64, 64, 64, 32, 32, 32, 32, 32, 32, 32, 32, 32, null],
            Enumerable.Range(1, 16).Select(half => CudaBackend.FusedTileHeight(half, V100)));
        Assert.Equal([32, 32, 32, 32, 32, 32, 32, 32, null],
            Enumerable.Range(1, 9).Select(half => CudaBackend.FusedTileHeight(half, Turing)));
    }

    /// <summary>The 32 x 32 tiles and the two passes as a GPU with 64 KB of shared memory per block runs them.</summary>
    [Theory]
    [InlineData(0.6)] // 1 tap each side: 32 x 32 tiles
    [InlineData(2.6)] // 4
    [InlineData(5.0)] // 8: the largest 32 x 32 tile that fits 64 KB
    [InlineData(6.0)] // 9: two passes, the column pass in chunks that fit 64 KB
    [InlineData(20.0)] // 30
    public void Cuda_blur_with_less_shared_memory_equals_the_cpu_reference(double radius)
    {
        const int SharedMemory = 64 * 1024;
        int half = GaussianBlur.FromRadius(radius).HalfWidth;
        Assert.Equal(half <= 8 ? 32 : null, CudaBackend.FusedTileHeight(half, SharedMemory));
        using Backends.IImageBackend cuda = TestBackends.CudaWithSharedMemory(SharedMemory);
        BackendParity.Check(131, 77, seed: (int)(radius * 10), image => image.GaussianBlur(radius), cuda: cuda);
        BackendParity.Check(33, 17, seed: (int)(radius * 10) + 1, image => image.GaussianBlur(radius), cuda: cuda);
    }
}
