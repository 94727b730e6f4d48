using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class ColorAdjustmentTests
{
    /// <summary>Brightness, contrast, saturation, gamma, invert: each parameter away from its default, and together.</summary>
    private static readonly (double Brightness, double Contrast, double Saturation, double Gamma, bool Invert)[] Settings =
    [
        (0.1, 0.3, 1.4, 1.3, false),
        (-0.2, -0.5, 0.0, 0.7, true),
        (0.0, 0.0, 2.5, 1.0, false),
        (0.05, 1.0, 1.0, 2.2, false),
        (0.0, -1.0, 1.0, 1.0, false),
        (-0.3, 0.6, 0.6, 0.45, true),
    ];

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_adjustment_matches_a_float64_reference(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 37 + height);
        foreach ((double brightness, double contrast, double saturation, double gamma, bool invert) in Settings)
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height,
                image => image.ColorAdjustment(brightness, contrast, saturation, gamma, invert), out _);
            byte[] expected = Float64Reference.ToBytes(ColorReference.ColorAdjustment(input, brightness, contrast, saturation, gamma, invert));
            PixelAssert.Equal(expected, output, width, tolerance: 1, $"b {brightness} c {contrast} s {saturation} g {gamma} i {invert}");
        }
    }

    [Fact]
    public void The_defaults_have_no_effect_and_their_table_is_the_identity()
    {
        ColorAdjustment defaults = new();
        Assert.True(defaults.IsIdentity);
        Assert.Equal(Enumerable.Range(0, 256).Select(v => (byte)v), defaults.Table());
        Assert.Equal((0.0, 0.0, 1.0, 1.0, false), (defaults.Brightness, defaults.Contrast, defaults.Saturation, defaults.Gamma, defaults.Invert));
        Assert.False(new ColorAdjustment(saturation: 1.01).IsIdentity);
        Assert.True(new ColorAdjustment(saturation: 1.01).TableIsIdentity);
    }

    [Fact]
    public void The_table_follows_the_documented_formulas()
    {
        Assert.Equal(Enumerable.Range(0, 256).Select(v => (byte)(255 - v)), new ColorAdjustment(invert: true).Table());
        byte[] brighter = new ColorAdjustment(brightness: 0.2).Table();
        Assert.Equal(51, brighter[0]);
        Assert.Equal(255, brighter[210]);
        byte[] threshold = new ColorAdjustment(contrast: 1).Table();
        Assert.Equal((0, 0, 255, 255), (threshold[0], threshold[127], threshold[128], threshold[255]));
        Assert.All(new ColorAdjustment(contrast: -1).Table(), v => Assert.Equal(128, v));
        byte[] steeper = new ColorAdjustment(contrast: 0.5).Table(); // factor 3 around 127.5
        Assert.Equal((byte)Math.Round(127.5 + 22.5 * 3, MidpointRounding.AwayFromZero), steeper[150]);
        byte[] gamma = new ColorAdjustment(gamma: 2).Table();
        Assert.Equal((0, 180, 255), (gamma[0], gamma[127], gamma[255])); // 255 * (127 / 255)^0.5 = 179.96
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Neutral_values_invert_twice_and_zero_saturation_are_exact(string backend)
    {
        Backends.IImageBackend on = TestBackends.Named(backend);
        byte[] input = RandomImages.Rgba(131, 7, seed: 12);
        byte[] identity = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
        // The kernel with an identity table and saturation 1, not only the definition's shortcut.
        Assert.Equal(input, BackendParity.Run(on, input, 131, 7, image => image.Backend.ColorAdjustment(image.Pixels, image.Width, image.Height, identity, 1f), out _));
        Assert.Equal(input, BackendParity.Run(on, input, 131, 7, image => image.ColorAdjustment(0, 0, 1, 1, false), out _));
        Assert.Equal(input, BackendParity.Run(on, input, 131, 7, image => image.ColorAdjustment(invert: true).ColorAdjustment(invert: true), out _));
        // Saturation 0 leaves exactly the luma that ConvertTo-Grayscale computes.
        Assert.Equal(
            BackendParity.Run(on, input, 131, 7, image => image.Grayscale(), out _),
            BackendParity.Run(on, input, 131, 7, image => image.ColorAdjustment(saturation: 0), out _));
        // Alpha is kept whatever the settings.
        byte[] adjusted = BackendParity.Run(on, input, 131, 7, image => image.ColorAdjustment(0.3, 0.4, 3, 0.5, true), out _);
        Assert.All(Enumerable.Range(0, 131 * 7), p => Assert.Equal(input[p * 4 + 3], adjusted[p * 4 + 3]));
    }

    [Fact]
    public void The_definition_refuses_out_of_range_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorAdjustment(brightness: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorAdjustment(contrast: -1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorAdjustment(saturation: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorAdjustment(saturation: ColorAdjustment.MaxSaturation + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorAdjustment(gamma: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorAdjustment(gamma: double.PositiveInfinity));
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_adjustment_equals_the_cpu_reference(int width, int height)
    {
        foreach ((double brightness, double contrast, double saturation, double gamma, bool invert) in Settings)
        {
            BackendParity.Check(width, height, seed: width * 3 + height, image => image.ColorAdjustment(brightness, contrast, saturation, gamma, invert));
        }
    }
}
