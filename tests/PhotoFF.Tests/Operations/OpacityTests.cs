using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class OpacityTests
{
    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_opacity_matches_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 13 + height);
        foreach (double opacity in new[] { 0.37, 0.5, 0.999 })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Opacity(opacity), out _);
            PixelAssert.Equal(Float64Reference.ToBytes(ColorReference.Opacity(input, opacity)), output, width, tolerance: 1, $"opacity {opacity}");
        }
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Opacity_one_is_the_identity_and_zero_clears_alpha_only(string backend)
    {
        Backends.IImageBackend on = TestBackends.Named(backend);
        byte[] input = RandomImages.Rgba(67, 23, seed: 4);
        Assert.Equal(input, BackendParity.Run(on, input, 67, 23, image => image.Opacity(1), out _));
        // The kernel itself, not only the definition's shortcut, leaves alpha alone at 1.
        Assert.Equal(input, BackendParity.Run(on, input, 67, 23, image => image.Backend.Opacity(image.Pixels, image.Width, image.Height, 1f), out _));

        byte[] cleared = BackendParity.Run(on, input, 67, 23, image => image.Opacity(0), out _);
        for (int i = 0; i < input.Length; i++)
        {
            Assert.Equal(i % 4 == 3 ? 0 : input[i], cleared[i]);
        }
    }

    [Fact]
    public void Half_opacity_rounds_half_away_from_zero()
    {
        byte[] input = [10, 20, 30, 255, 10, 20, 30, 3, 10, 20, 30, 1];
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 3, 1, image => image.Opacity(0.5), out _);
        Assert.Equal([10, 20, 30, 128, 10, 20, 30, 2, 10, 20, 30, 1], output);
    }

    [Fact]
    public void The_definition_refuses_values_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Opacity(1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Opacity(-0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Opacity(double.NaN));
        Assert.Equal(0.25, new Opacity(0.25).Value);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_opacity_equals_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width * 3 + height, image => image.Opacity(0.37));
        BackendParity.Check(width, height, seed: width + 11, image => image.Opacity(0.5));
    }

}
