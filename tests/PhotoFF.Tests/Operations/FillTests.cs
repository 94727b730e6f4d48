using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class FillTests
{
    private static readonly Rgba From = new(250, 10, 128, 255);
    private static readonly Rgba To = new(3, 240, 129, 0);

    public static TheoryData<GradientDirection, bool> Gradients
    {
        get
        {
            TheoryData<GradientDirection, bool> data = [];
            foreach (GradientDirection direction in Enum.GetValues<GradientDirection>())
            {
                data.Add(direction, false);
                data.Add(direction, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void A_solid_fill_makes_every_pixel_the_colour(string backend)
    {
        Rgba color = new(12, 34, 56, 78);
        byte[] output = BackendParity.Run(TestBackends.Named(backend), RandomImages.Rgba(33, 17, seed: 1), 33, 17, image => image.FillColor(color), out _);
        for (int i = 0; i < output.Length; i += 4)
        {
            Assert.Equal(color.Packed, BitConverter.ToUInt32(output, i));
        }
    }

    [Theory]
    [MemberData(nameof(Gradients))]
    public void Cpu_gradients_match_a_float64_reference(GradientDirection direction, bool seamless)
    {
        foreach ((int width, int height) in new[] { (1, 1), (1, 7), (7, 1), (33, 17), (64, 64), (257, 129) })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, RandomImages.Rgba(width, height, seed: 2), width, height,
                image => image.FillGradient(From, To, direction, seamless), out _);
            PixelAssert.Equal(Reference(width, height, direction, seamless), output, width, tolerance: 1, $"{direction} {width}x{height}");
        }
    }

    [Theory]
    [InlineData(GradientDirection.Horizontal)]
    [InlineData(GradientDirection.Vertical)]
    [InlineData(GradientDirection.Diagonal)]
    public void Linear_gradients_run_exactly_from_the_first_colour_to_the_second_and_monotonically(GradientDirection direction)
    {
        const int width = 101, height = 37;
        byte[] output = BackendParity.Run(TestBackends.Cpu, RandomImages.Rgba(width, height, seed: 3), width, height,
            image => image.FillGradient(From, To, direction), out _);
        Assert.Equal(From.Packed, TestPixels.At(output, width, 0, 0));
        Assert.Equal(To.Packed, TestPixels.At(output, width, width - 1, height - 1));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 4; c++)
                {
                    int sign = Math.Sign(Channel(To, c) - Channel(From, c));
                    int here = output[(y * width + x) * 4 + c];
                    if (x > 0)
                    {
                        Assert.True(sign * (here - output[(y * width + x - 1) * 4 + c]) >= 0, $"channel {c} turns back at ({x},{y})");
                    }

                    if (y > 0)
                    {
                        Assert.True(sign * (here - output[((y - 1) * width + x) * 4 + c]) >= 0, $"channel {c} turns back at ({x},{y})");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_radial_gradient_is_the_first_colour_at_the_centre_and_the_second_at_the_corners()
    {
        const int width = 51, height = 31;
        byte[] output = BackendParity.Run(TestBackends.Cpu, RandomImages.Rgba(width, height, seed: 4), width, height,
            image => image.FillGradient(From, To, GradientDirection.Radial), out _);
        Assert.Equal(From.Packed, TestPixels.At(output, width, 25, 15));
        foreach ((int x, int y) in new[] { (0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1) })
        {
            Assert.Equal(To.Packed, TestPixels.At(output, width, x, y));
        }

        byte[] mirrored = BackendParity.Run(TestBackends.Cpu, output, width, height, image => image.Flip(true, true), out _);
        PixelAssert.Equal(output, mirrored, width, tolerance: 1, "point symmetry about the centre");
    }

    [Theory]
    [InlineData(GradientDirection.Horizontal)]
    [InlineData(GradientDirection.Vertical)]
    [InlineData(GradientDirection.Diagonal)]
    public void A_seamless_gradient_goes_there_and_back_so_it_tiles(GradientDirection direction)
    {
        const int width = 41, height = 41;
        byte[] output = BackendParity.Run(TestBackends.Cpu, RandomImages.Rgba(width, height, seed: 5), width, height,
            image => image.FillGradient(From, To, direction, seamless: true), out _);
        Assert.Equal(From.Packed, TestPixels.At(output, width, 0, 0));
        Assert.Equal(From.Packed, TestPixels.At(output, width, width - 1, height - 1));
        Assert.Equal(To.Packed, TestPixels.At(output, width, direction == GradientDirection.Vertical ? 0 : 20, direction == GradientDirection.Horizontal ? 0 : 20));
        byte[] mirrored = BackendParity.Run(TestBackends.Cpu, output, width, height, image => image.Flip(true, true), out _);
        PixelAssert.Equal(output, mirrored, width, tolerance: 1, "symmetry of a seamless gradient");
    }

    [Fact]
    public void Gradients_replace_the_pixels_rather_than_blend()
    {
        byte[] first = BackendParity.Run(TestBackends.Cpu, RandomImages.Rgba(20, 9, seed: 6), 20, 9, image => image.FillGradient(From, To, GradientDirection.Diagonal), out _);
        byte[] second = BackendParity.Run(TestBackends.Cpu, RandomImages.Rgba(20, 9, seed: 7), 20, 9, image => image.FillGradient(From, To, GradientDirection.Diagonal), out _);
        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_fills_equal_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width, image => image.FillColor(new Rgba(1, 2, 3, 4)), tolerance: 0);
        foreach (GradientDirection direction in Enum.GetValues<GradientDirection>())
        {
            BackendParity.Check(width, height, seed: height, image => image.FillGradient(From, To, direction));
            BackendParity.Check(width, height, seed: height, image => image.FillGradient(To, From, direction, seamless: true));
        }
    }

    /// <summary>The gradient from its definition, in double: positions, t, the seamless fold, a straight lerp.</summary>
    private static byte[] Reference(int width, int height, GradientDirection direction, bool seamless)
    {
        byte[] result = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double u = width == 1 ? (direction == GradientDirection.Radial ? 0.5 : 0) : x / (width - 1.0);
                double v = height == 1 ? (direction == GradientDirection.Radial ? 0.5 : 0) : y / (height - 1.0);
                double t = direction switch
                {
                    GradientDirection.Horizontal => u,
                    GradientDirection.Vertical => v,
                    GradientDirection.Diagonal => (u + v) / 2,
                    _ => Math.Min(1, Math.Sqrt((u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5)) / Math.Sqrt(0.5)),
                };
                if (seamless)
                {
                    t = t < 0.5 ? 2 * t : 2 * (1 - t);
                }

                for (int c = 0; c < 4; c++)
                {
                    double value = Channel(From, c) + t * (Channel(To, c) - Channel(From, c));
                    result[(y * width + x) * 4 + c] = (byte)Math.Round(value, MidpointRounding.AwayFromZero);
                }
            }
        }

        return result;
    }

    private static int Channel(Rgba color, int c) => c switch { 0 => color.R, 1 => color.G, 2 => color.B, _ => color.A };
}
