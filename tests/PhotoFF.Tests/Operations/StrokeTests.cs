using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class StrokeTests
{
    private static readonly Rgba Red = new(255, 0, 0);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    public void A_stroke_around_an_opaque_square_lies_exactly_width_pixels_out(int width)
    {
        const int size = 51, from = 20, to = 31;
        byte[] input = TestPixels.OpaqueSquare(size, from, to);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Stroke(width, Red), out _);
        for (int y = from; y < to; y++)
        {
            // Along each side: pixels 1..width out are solid red, the next one untouched; the square stays white.
            for (int step = 1; step <= width; step++)
            {
                Assert.Equal([255, 0, 0, 255], TestPixels.Channels(output, size, to - 1 + step, y));
                Assert.Equal([255, 0, 0, 255], TestPixels.Channels(output, size, from - step, y));
                Assert.Equal([255, 0, 0, 255], TestPixels.Channels(output, size, y, to - 1 + step));
                Assert.Equal([255, 0, 0, 255], TestPixels.Channels(output, size, y, from - step));
            }

            Assert.Equal([0, 0, 0, 0], TestPixels.Channels(output, size, to + width, y));
            Assert.Equal([0, 0, 0, 0], TestPixels.Channels(output, size, from - width - 1, y));
            Assert.Equal([255, 255, 255, 255], TestPixels.Channels(output, size, y, y));
        }

        // Around the corners the ring is anti-aliased: on the diagonal out of a corner, alpha passes through a
        // partial value between the solid stroke and the untouched canvas.
        byte[] alphas = Enumerable.Range(1, width + 2).Select(i => TestPixels.Channels(output, size, to - 1 + i, to - 1 + i)[3]).ToArray();
        Assert.True(alphas[0] > 0, "the stroke goes round the corner");
        Assert.Equal(0, alphas[^1]);
        Assert.Contains(alphas, a => a is > 0 and < 255);
        Assert.True(alphas.SequenceEqual(alphas.OrderDescending()), "the stroke fades outwards");
    }

    [Fact]
    public void A_fractional_width_gives_a_half_covered_last_pixel()
    {
        const int size = 21;
        byte[] input = TestPixels.OpaqueSquare(size, 8, 13);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Stroke(2.5, Red), out _);
        Assert.Equal([255, 0, 0, 255], TestPixels.Channels(output, size, 14, 10));
        Assert.Equal([255, 0, 0, 128], TestPixels.Channels(output, size, 15, 10)); // coverage 0.5: alpha 127.5, rounded away from zero
        Assert.Equal([0, 0, 0, 0], TestPixels.Channels(output, size, 16, 10));
    }

    [Fact]
    public void An_inner_stroke_lies_inside_the_edge_and_keeps_the_shape()
    {
        const int size = 31, from = 5, to = 26;
        byte[] input = TestPixels.OpaqueSquare(size, from, to);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Stroke(3, Red, inner: true), out _);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                int depth = Math.Min(Math.Min(x - from, to - 1 - x), Math.Min(y - from, to - 1 - y));
                byte[] pixel = TestPixels.Channels(output, size, x, y);
                if (depth < 0)
                {
                    Assert.Equal([0, 0, 0, 0], pixel); // outside: untouched
                }
                else if (depth < 3)
                {
                    Assert.Equal([255, 0, 0, 255], pixel); // the 3-pixel band inside the edge
                }
                else
                {
                    Assert.Equal([255, 255, 255, 255], pixel);
                }
            }
        }
    }

    [Fact]
    public void An_inner_stroke_on_an_opaque_image_is_a_frame()
    {
        byte[] input = RandomImages.Opaque(12, 9, seed: 4);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 12, 9, image => image.Stroke(1, Red, inner: true), out _);
        Assert.Equal([255, 0, 0, 255], TestPixels.Channels(output, 12, 0, 4));
        Assert.Equal([255, 0, 0, 255], TestPixels.Channels(output, 12, 11, 8));
        Assert.Equal(TestPixels.Channels(input, 12, 5, 4), TestPixels.Channels(output, 12, 5, 4));
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_stroke_matches_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 5 + height);
        foreach ((double strokeWidth, Rgba color, bool inner) in new[] { (3.5, new Rgba(10, 200, 30, 180), false), (2.0, new Rgba(250, 20, 90), true), (0.75, Red, false) })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Stroke(strokeWidth, color, inner), out _);
            double[] expected = EffectsReference.Stroke(input, width, height, strokeWidth, (color.R, color.G, color.B, color.A), inner);
            PixelAssert.Equal(Float64Reference.ToBytes(expected), output, width, tolerance: 1, $"width {strokeWidth} {(inner ? "inner" : "outer")}");
        }
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Width_zero_or_a_transparent_colour_leaves_the_image_unchanged(string backend)
    {
        byte[] input = RandomImages.Rgba(31, 17, seed: 3);
        Assert.Equal(input, BackendParity.Run(TestBackends.Named(backend), input, 31, 17, image => image.Stroke(0, Red), out _));
        Assert.Equal(input, BackendParity.Run(TestBackends.Named(backend), input, 31, 17, image => image.Stroke(5, Rgba.Transparent, inner: true), out _));
    }

    [Fact]
    public void Invalid_definitions_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Imaging.Operations.Stroke(-1, Red));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Imaging.Operations.Stroke(double.NaN, Red));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Imaging.Operations.Stroke(Imaging.Operations.Stroke.MaxWidth + 1, Red));
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_stroke_equals_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width + 2 * height, image => image.Stroke(3.5, new Rgba(10, 200, 30, 180)));
        BackendParity.Check(width, height, seed: width + 3 * height, image => image.Stroke(2, new Rgba(250, 20, 90), inner: true));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(16.0)]
    [InlineData(64.0)]
    public void Cuda_stroke_equals_the_cpu_reference_at_every_width(double strokeWidth)
    {
        BackendParity.Check(301, 203, seed: (int)strokeWidth, image => image.Stroke(strokeWidth, Red));
        BackendParity.Check(301, 203, seed: (int)strokeWidth + 1, image => image.Stroke(strokeWidth, Red, inner: true));
    }

    /// <summary>Columns too tall for a block's shared memory: the stroke is painted from a distance buffer by the
    /// stroke kernel after the tall column pass (a backend with 48 KB per block reaches it at 4,000 rows).</summary>
    [Fact]
    public void Cuda_stroke_on_columns_too_tall_for_shared_memory_equals_the_cpu_reference()
    {
        using Backends.IImageBackend cuda = TestBackends.CudaWithSharedMemory(48 * 1024);
        BackendParity.Check(9, 4000, seed: 41, image => image.Stroke(3.5, new Rgba(10, 200, 30, 180)), cuda: cuda);
        BackendParity.Check(9, 4000, seed: 42, image => image.Stroke(2, new Rgba(250, 20, 90), inner: true), cuda: cuda);
    }
}
