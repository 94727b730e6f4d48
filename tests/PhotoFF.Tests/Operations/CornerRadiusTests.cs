using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class CornerRadiusTests
{
    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_corners_match_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 7 + height);
        double radius = Math.Min(width, height) / 3.0 + 0.7;
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.CornerRadius(radius), out _);
        PixelAssert.Equal(Float64Reference.ToBytes(Float64Reference.CornerRadius(input, width, height, radius)), output, width, tolerance: 1);
    }

    [Fact]
    public void Corners_are_transparent_the_centre_untouched_and_the_edge_anti_aliased()
    {
        byte[] input = RandomImages.Opaque(200, 120, seed: 11);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 200, 120, image => image.CornerRadius(40), out _);
        foreach ((int x, int y) in new[] { (0, 0), (199, 0), (0, 119), (199, 119), (5, 5), (194, 114) })
        {
            Assert.Equal(0, output[(y * 200 + x) * 4 + 3]);
        }

        Assert.Equal(input.AsSpan(60 * 4 * 200, 200 * 4).ToArray(), output.AsSpan(60 * 4 * 200, 200 * 4).ToArray());
        // Along the diagonal of a corner, alpha passes through intermediate values: the edge is anti-aliased.
        int partial = Enumerable.Range(0, 40).Count(i => output[(i * 200 + i) * 4 + 3] is > 0 and < 255);
        Assert.InRange(partial, 1, 3);
    }

    [Fact]
    public void A_radius_beyond_half_the_shorter_side_makes_a_pill()
    {
        byte[] input = RandomImages.Opaque(60, 20, seed: 5);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 60, 20, image => image.CornerRadius(1000), out _);
        PixelAssert.Equal(Float64Reference.ToBytes(Float64Reference.CornerRadius(input, 60, 20, 10)), output, 60, tolerance: 1);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Visiting_only_the_corner_squares_gives_exactly_what_visiting_every_pixel_gives(int width, int height)
    {
        foreach (double radius in new[] { 0.4, 1, 2.5, Math.Min(width, height) / 3.0 + 0.7, Math.Min(width, height) / 2.0, 40, 1e4 })
        {
            byte[] input = RandomImages.Rgba(width, height, seed: width * 31 + height + (int)radius);
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.CornerRadius(radius), out _);
            float used = new PhotoFF.Imaging.Operations.CornerRadius(radius).EffectiveRadius(width, height);
            Assert.True(EveryPixel(input, width, height, used).AsSpan().SequenceEqual(output), $"{width}x{height}, radius {radius}");
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_corners_equal_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width ^ height, image => image.CornerRadius(Math.Min(width, height) / 2.0 - 0.3));
        BackendParity.Check(width, height, seed: width + 3, image => image.CornerRadius(40));
    }

    /// <summary>The operation's arithmetic applied to every pixel of the image, as the CPU backend did before it visited
    /// only the corners.</summary>
    private static byte[] EveryPixel(byte[] input, int width, int height, float radius)
    {
        uint[] pixels = new uint[width * height];
        Buffer.BlockCopy(input, 0, pixels, 0, input.Length);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float coverage = PhotoFF.Backends.Cpu.RoundedRectangle.Coverage(x, y, width, height, radius);
                if (coverage < 1f)
                {
                    uint pixel = pixels[y * width + x];
                    uint alpha = PhotoFF.Backends.Cpu.Premultiplied.ToByte((pixel >> 24) * coverage);
                    pixels[y * width + x] = alpha == 0 ? 0 : (pixel & 0x00FFFFFFu) | alpha << 24;
                }
            }
        }

        byte[] bytes = new byte[input.Length];
        Buffer.BlockCopy(pixels, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
