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
    public void Cuda_corners_equal_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width ^ height, image => image.CornerRadius(Math.Min(width, height) / 2.0 - 0.3));
        BackendParity.Check(width, height, seed: width + 3, image => image.CornerRadius(40));
    }
}
