using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class ShadowTests
{
    private static readonly Rgba Black = Rgba.Black;

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Intensity_zero_leaves_the_image_unchanged(string backend)
    {
        byte[] input = RandomImages.Rgba(33, 17, seed: 8);
        Assert.Equal(input, BackendParity.Run(TestBackends.Named(backend), input, 33, 17, image => image.Shadow(8, 0, Black, 3, 3), out _));
        Assert.Equal(input, BackendParity.Run(TestBackends.Named(backend), input, 33, 17, image => image.Shadow(8, 0, Black, 3, 3, inner: true), out _));
    }

    [Fact]
    public void The_shadow_lies_under_the_image_opaque_pixels_are_unchanged()
    {
        byte[] input = RandomImages.Rgba(64, 64, seed: 9);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 64, 64, image => image.Shadow(6, 1, new Rgba(20, 40, 200), 4, -3), out _);
        int changed = 0;
        for (int i = 0; i < input.Length; i += 4)
        {
            if (input[i + 3] == 255)
            {
                Assert.Equal(input.AsSpan(i, 4).ToArray(), output.AsSpan(i, 4).ToArray());
            }
            else if (!input.AsSpan(i, 4).SequenceEqual(output.AsSpan(i, 4)))
            {
                changed++;
            }
        }

        Assert.True(changed > 100, $"only {changed} translucent pixels got a shadow");
    }

    [Fact]
    public void The_offset_moves_the_shadow()
    {
        const int size = 80;
        byte[] input = TestPixels.OpaqueSquare(size, 30, 45);
        byte[] still = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Shadow(6, 0.8, Black), out _);
        byte[] moved = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Shadow(6, 0.8, Black, 9, -5), out _);
        int compared = 0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int sx = x - 9, sy = y + 5;
                bool inSquare = x is >= 30 and < 45 && y is >= 30 and < 45;
                bool sourceInSquare = sx is >= 30 and < 45 && sy is >= 30 and < 45;
                if (inSquare || sourceInSquare || sx < 0 || sy >= size)
                {
                    continue;
                }

                Assert.Equal(still[(sy * size + sx) * 4 + 3], moved[(y * size + x) * 4 + 3]);
                compared++;
            }
        }

        Assert.True(compared > 4000);
        // The moved shadow is solid right of the square, where the still one has faded already.
        Assert.Equal((byte)Math.Round(0.8 * 255), moved[(37 * size + 50) * 4 + 3]);
        Assert.Equal(0, still[(37 * size + 52) * 4 + 3]);
    }

    [Fact]
    public void A_radius_of_zero_is_the_moved_shape_exactly()
    {
        const int size = 40;
        byte[] input = TestPixels.OpaqueSquare(size, 10, 20);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Shadow(0, 1, new Rgba(0, 0, 255, 200), 5, 5), out _);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                bool inSquare = x is >= 10 and < 20 && y is >= 10 and < 20;
                bool inShadow = x is >= 15 and < 25 && y is >= 15 and < 25;
                byte[] expected = inSquare ? [255, 255, 255, 255] : inShadow ? [0, 0, 255, 200] : [0, 0, 0, 0];
                Assert.Equal(expected, output.AsSpan((y * size + x) * 4, 4).ToArray());
            }
        }
    }

    [Fact]
    public void The_shadow_fades_smoothly_and_is_clipped_to_the_canvas()
    {
        // A square touching the right edge, its shadow moved further right: what falls outside the canvas is gone, and
        // what comes back within the radius of the moved square still shows.
        const int size = 30;
        byte[] input = TestPixels.OpaqueSquare(size, 20, 30);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Shadow(8, 1, Black, 12, 0), out _);
        byte[] alphaLeftOfSquare = Enumerable.Range(10, 10).Select(x => output[(25 * size + x) * 4 + 3]).ToArray();
        Assert.All(alphaLeftOfSquare, a => Assert.Equal(0, a)); // the moved square starts at x = 32: its edge fades by x = 23
        byte[] below = Enumerable.Range(0, 10).Select(y => output[(y * size + 29) * 4 + 3]).ToArray();
        Assert.All(below, a => Assert.Equal(0, a)); // above the square nothing
        double[] expected = EffectsReference.Shadow(input, size, size, 8, 1, (0, 0, 0, 255), 12, 0, inner: false);
        PixelAssert.Equal(Float64Reference.ToBytes(expected), output, size, tolerance: 1);
    }

    [Fact]
    public void An_inner_shadow_is_only_inside_the_shape()
    {
        byte[] input = RandomImages.Rgba(57, 43, seed: 12);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 57, 43, image => image.Shadow(5, 1, new Rgba(200, 0, 0), -3, 4, inner: true), out _);
        int shaded = 0;
        for (int i = 0; i < input.Length; i += 4)
        {
            Assert.Equal(input[i + 3], output[i + 3]); // alpha is kept
            if (input[i + 3] < 128)
            {
                Assert.Equal(input.AsSpan(i, 4).ToArray(), output.AsSpan(i, 4).ToArray());
            }
            else if (!input.AsSpan(i, 4).SequenceEqual(output.AsSpan(i, 4)))
            {
                shaded++;
            }
        }

        Assert.True(shaded > 100, $"only {shaded} shape pixels got an inner shadow");
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_shadow_matches_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 3 + height);
        foreach ((double radius, double intensity, int ox, int oy, bool inner) in new[] { (6.0, 0.7, 3, 2, false), (4.5, 1.0, -2, 5, true), (0.0, 0.5, 1, 1, false), (20.0, 0.9, 0, 0, true) })
        {
            Rgba color = new(30, 60, 200, 230);
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Shadow(radius, intensity, color, ox, oy, inner), out _);
            double[] expected = EffectsReference.Shadow(input, width, height, radius, intensity, (color.R, color.G, color.B, color.A), ox, oy, inner);
            PixelAssert.Equal(Float64Reference.ToBytes(expected), output, width, tolerance: 1, $"radius {radius} offset ({ox},{oy}) {(inner ? "inner" : "outer")}");
        }
    }

    [Fact]
    public void Invalid_definitions_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Imaging.Operations.Shadow(-1, 0.5, Black));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Imaging.Operations.Shadow(5, 2, Black));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Imaging.Operations.Shadow(5, -0.1, Black));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Imaging.Operations.Shadow(5, 0.5, Black, 100_000, 0));
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_shadow_equals_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width + 5 * height, image => image.Shadow(6, 0.7, new Rgba(30, 60, 200, 230), 3, -2));
        BackendParity.Check(width, height, seed: width + 7 * height, image => image.Shadow(4.5, 1, new Rgba(200, 0, 0), -2, 5, inner: true));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(16.0)]
    [InlineData(64.0)]
    public void Cuda_shadow_equals_the_cpu_reference_at_every_radius(double radius)
    {
        BackendParity.Check(301, 203, seed: (int)radius, image => image.Shadow(radius, 0.8, Black, 10, 10));
        BackendParity.Check(301, 203, seed: (int)radius + 1, image => image.Shadow(radius, 0.8, Black, -7, 3, inner: true));
    }

    /// <summary>Columns too tall for a block's shared memory: the shadow is painted from a distance buffer by the
    /// shadow kernel after the tall column pass (a backend with 48 KB per block reaches it at 4,000 rows).</summary>
    [Fact]
    public void Cuda_shadow_on_columns_too_tall_for_shared_memory_equals_the_cpu_reference()
    {
        using Backends.IImageBackend cuda = TestBackends.CudaWithSharedMemory(48 * 1024);
        BackendParity.Check(9, 4000, seed: 43, image => image.Shadow(6, 0.7, new Rgba(30, 60, 200, 230), 3, -2), cuda: cuda);
        BackendParity.Check(9, 4000, seed: 44, image => image.Shadow(4.5, 1, new Rgba(200, 0, 0), -2, 5, inner: true), cuda: cuda);
    }
}
