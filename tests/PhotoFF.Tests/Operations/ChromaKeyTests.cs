using PhotoFF.Backends.Cpu;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class ChromaKeyTests
{
    private static readonly (int R, int G, int B) Green = (0, 255, 0);

    /// <summary>Channel, threshold, invert, zero all channels: every channel, both comparisons, the extremes.</summary>
    private static readonly (ColorChannel Channel, int Threshold, bool Invert, bool ZeroAll)[] KeySettings =
    [
        (ColorChannel.A, 128, false, false),
        (ColorChannel.R, 0, false, true),
        (ColorChannel.G, 200, true, false),
        (ColorChannel.B, 255, true, true),
        (ColorChannel.A, 0, true, false),
    ];

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_key_image_mode_matches_the_reference_for_every_setting(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 19 + height);
        byte[] key = RandomImages.Rgba(width, height, seed: width * 23 + height + 1);
        foreach ((ColorChannel channel, int threshold, bool invert, bool zeroAll) in KeySettings)
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image =>
            {
                using CudaImage keyImage = CudaImage.FromPixels(key, width, height, image.Backend);
                image.ChromaKey(keyImage, channel, threshold, invert, zeroAll);
            }, out _);
            byte[] expected = Float64Reference.ToBytes(ColorReference.ChromaKey(input, key, (int)channel, threshold, invert, zeroAll));
            PixelAssert.Equal(expected, output, width, tolerance: 0, $"{channel} {threshold} invert {invert} zero {zeroAll}");
        }
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void A_key_value_equal_to_the_threshold_is_kept_and_keyed_out_with_invert(string backend)
    {
        // PhotoFF's comparison: keyed out where value > threshold; with invert, where value <= threshold.
        byte[] input = [10, 20, 30, 200, 10, 20, 30, 200, 10, 20, 30, 200];
        byte[] key = [0, 99, 0, 0, 0, 100, 0, 0, 0, 101, 0, 0];
        byte[] Keyed(bool invert, bool zeroAll) => BackendParity.Run(TestBackends.Named(backend), input, 3, 1, image =>
        {
            using CudaImage keyImage = CudaImage.FromPixels(key, 3, 1, image.Backend);
            image.ChromaKey(keyImage, ColorChannel.G, 100, invert, zeroAll);
        }, out _);

        Assert.Equal([10, 20, 30, 200, 10, 20, 30, 200, 10, 20, 30, 0], Keyed(invert: false, zeroAll: false));
        Assert.Equal([10, 20, 30, 0, 10, 20, 30, 0, 10, 20, 30, 200], Keyed(invert: true, zeroAll: false));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 30, 200], Keyed(invert: true, zeroAll: true));
    }

    [Fact]
    public void An_image_given_as_its_own_key_is_refused_and_left_unchanged()
    {
        byte[] input = RandomImages.Rgba(41, 13, seed: 2);
        using CudaImage image = CudaImage.FromPixels(input, 41, 13, TestBackends.Cpu);

        ImageOperationException error = Assert.Throws<ImageOperationException>(() => image.ChromaKey(image, ColorChannel.R, 90));

        Assert.Equal("SameImage", error.ErrorId);
        Assert.Contains("Copy-CudaImage", error.Message);
        Assert.Equal(input, image.ToArray());
    }

    [Fact]
    public void A_key_image_of_another_size_or_backend_is_refused_with_a_clear_error()
    {
        using CudaImage image = CudaImage.Create(8, 6, Rgba.White, TestBackends.Cpu);
        using CudaImage wide = CudaImage.Create(9, 6, Rgba.White, TestBackends.Cpu);
        ArgumentException size = Assert.Throws<ArgumentException>(() => image.ChromaKey(wide));
        Assert.Contains("9x6", size.Message);
        Assert.Contains("8x6", size.Message);
        Assert.Contains("same size", size.Message);

        using CpuBackend other = new(64L << 20);
        using CudaImage elsewhere = CudaImage.Create(8, 6, Rgba.White, other);
        ArgumentException backend = Assert.Throws<ArgumentException>(() => image.ChromaKey(elsewhere));
        Assert.Contains("same backend and device", backend.Message);
        Assert.All(image.ToArray(), b => Assert.Equal(255, b));
    }

    [Fact]
    public void A_cuda_image_cannot_be_keyed_by_a_cpu_image()
    {
        using CudaImage image = CudaImage.Create(4, 4, Rgba.White, TestBackends.Cuda);
        using CudaImage key = CudaImage.Create(4, 4, Rgba.White, TestBackends.Cpu);
        ArgumentException error = Assert.Throws<ArgumentException>(() => image.ChromaKey(key));
        Assert.Contains("Cpu", error.Message);
        Assert.Contains("Cuda", error.Message);
    }

    [Fact]
    public void A_key_image_changed_on_its_own_stream_afterwards_keys_with_its_earlier_pixels()
    {
        // The key is read on the image's stream; work queued on the key's stream afterwards must wait for that read.
        const int width = 1024, height = 1024;
        byte[] input = RandomImages.Opaque(width, height, seed: 6);
        for (int round = 0; round < 4; round++)
        {
            using CudaImage image = CudaImage.FromPixels(input, width, height, TestBackends.Cuda);
            using CudaImage key = CudaImage.Create(width, height, new Rgba(0, 0, 0, 255), TestBackends.Cuda);
            image.GaussianBlur(30); // queue a long kernel on the image's stream first
            image.ChromaKey(key, ColorChannel.A, 128);
            key.Opacity(0);
            byte[] output = image.ToArray();
            Assert.Equal(0, Enumerable.Range(0, width * height).Count(p => output[p * 4 + 3] != 0));
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_color_mode_matches_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 29 + height);
        foreach ((double tolerance, double softness, bool spill) in new[] { (0.45, 0.2, true), (0.5, 0.0, false), (0.3, 1.0, true) })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.ColorKey(new Rgba(0, 255, 0), tolerance, softness, spill), out _);
            byte[] expected = Float64Reference.ToBytes(ColorReference.ColorKey(input, Green, tolerance, softness, spill ? 1 : -1));
            PixelAssert.Equal(expected, output, width, tolerance: 1, $"tolerance {tolerance} softness {softness} spill {spill}");
        }
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void The_key_color_goes_transparent_far_colors_stay_and_the_edge_ramps(string backend)
    {
        // Distances from pure green, normalized by 255 sqrt 3: the key 0, (0,255,255) 1/sqrt 3 = 0.577, red 0.816.
        byte[] input = [0, 255, 0, 255, 0, 255, 255, 200, 255, 0, 0, 255, 0, 255, 0, 0];
        byte[] hard = BackendParity.Run(TestBackends.Named(backend), input, 4, 1, image => image.ColorKey(new Rgba(0, 255, 0), 0.5, 0), out _);
        Assert.Equal([0, 0, 0, 0, 0, 255, 255, 200, 255, 0, 0, 255, 0, 0, 0, 0], hard);

        // Softness 0.154 from 0.5: cyan sits at (0.577 - 0.5) / 0.154 = 0.5 of the ramp.
        double softness = (1 / Math.Sqrt(3) - 0.5) * 2;
        byte[] soft = BackendParity.Run(TestBackends.Named(backend), input, 4, 1, image => image.ColorKey(new Rgba(0, 255, 0), 0.5, softness), out _);
        Assert.Equal(0, soft[3]);
        Assert.InRange(soft[7], 99, 101);
        Assert.Equal<byte>([255, 0, 0, 255], soft.AsSpan(8, 4).ToArray());
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Spill_suppression_limits_the_key_channel_to_the_mean_of_the_others(string backend)
    {
        byte[] input = [100, 200, 51, 255, 200, 100, 50, 255, 10, 250, 20, 128];
        byte[] output = BackendParity.Run(TestBackends.Named(backend), input, 3, 1, image => image.ColorKey(new Rgba(0, 255, 0), 0.06, 0, suppressSpill: true), out _);
        // (100 + 51 + 1) / 2 = 76; the second pixel's green is below the mean of red and blue; the third is keyed out.
        Assert.Equal([100, 76, 51, 255, 200, 100, 50, 255, 0, 0, 0, 0], output);

        byte[] blue = BackendParity.Run(TestBackends.Named(backend), input, 3, 1, image => image.ColorKey(new Rgba(0, 0, 255), 0.06, 0, suppressSpill: true), out _);
        Assert.Equal([100, 200, 51, 255, 200, 100, 50, 255, 10, 250, 20, 128], blue);
        Assert.Equal(ColorChannel.B, new ColorKey(new Rgba(20, 40, 200), 0.1).SpillChannel);
        Assert.Equal(ColorChannel.R, new ColorKey(new Rgba(200, 40, 20), 0.1).SpillChannel);
        Assert.Equal(ColorChannel.G, new ColorKey(new Rgba(9, 9, 9), 0.1).SpillChannel);
    }

    [Fact]
    public void The_definitions_refuse_out_of_range_values()
    {
        using CudaImage key = CudaImage.Create(1, 1, Rgba.White, TestBackends.Cpu);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChromaKey(key, ColorChannel.G, 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChromaKey(key, ColorChannel.G, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChromaKey(key, (ColorChannel)4));
        Assert.Throws<ArgumentNullException>(() => new ChromaKey(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorKey(Rgba.White, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorKey(Rgba.White, 1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorKey(Rgba.White, 0.2, double.NaN));
        ChromaKey defaults = new(key);
        Assert.Equal((ColorChannel.A, 128, false, false), (defaults.Channel, defaults.Threshold, defaults.Invert, defaults.ZeroAllChannels));
        Assert.Equal(0.1, new ColorKey(Rgba.White, 0.2).Softness);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_chroma_keys_equal_the_cpu_reference(int width, int height)
    {
        byte[] key = RandomImages.Rgba(width, height, seed: width * 7 + 5);
        foreach ((ColorChannel channel, int threshold, bool invert, bool zeroAll) in KeySettings)
        {
            BackendParity.Check(width, height, seed: width + height, image =>
            {
                using CudaImage keyImage = CudaImage.FromPixels(key, width, height, image.Backend);
                image.ChromaKey(keyImage, channel, threshold, invert, zeroAll);
            }, tolerance: 0);
        }

        BackendParity.Check(width, height, seed: width * 2 + height, image => image.ColorKey(new Rgba(0, 255, 0), 0.45, 0.2, suppressSpill: true));
        BackendParity.Check(width, height, seed: width * 2 + height, image => image.ColorKey(new Rgba(30, 60, 200), 0.3, 0));
    }
}
