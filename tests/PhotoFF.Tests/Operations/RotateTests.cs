using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class RotateTests
{
    public static TheoryData<double> Angles => new() { 30.0, 45.0, 137.5, -10.0, 200.25, 0.5 };

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void A_quarter_turn_swaps_the_sides_and_is_the_exact_clockwise_permutation(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 3 + height);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Rotate(90), out int outWidth);
        Assert.Equal(height, outWidth);
        Assert.Equal(input.Length, output.Length);
        // Clockwise: the source's left column becomes the top row, read from the bottom up.
        for (int y = 0; y < width; y++)
        {
            for (int x = 0; x < height; x++)
            {
                Assert.Equal(TestPixels.At(input, (height - 1 - x) * width + y), TestPixels.At(output, y * height + x));
            }
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    [InlineData(70, 45)]
    [InlineData(31, 97)]
    [InlineData(161, 67)]
    public void Each_right_angle_is_its_exact_permutation(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 5 + height);
        foreach (int angle in (int[])[90, 180, 270])
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Rotate(angle), out int outWidth);
            int outHeight = output.Length / 4 / outWidth;
            Assert.Equal(angle == 180 ? (width, height) : (height, width), (outWidth, outHeight));
            for (int y = 0; y < outHeight; y++)
            {
                for (int x = 0; x < outWidth; x++)
                {
                    (int sx, int sy) = angle switch
                    {
                        90 => (y, height - 1 - x),
                        180 => (width - 1 - x, height - 1 - y),
                        _ => (width - 1 - y, x),
                    };
                    Assert.Equal(TestPixels.At(input, sy * width + sx), TestPixels.At(output, y * outWidth + x));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Right_angles_are_reversible(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width + 11 * height);
        Assert.Equal(input, BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Rotate(90).Rotate(90).Rotate(90).Rotate(90), out int w1));
        Assert.Equal(width, w1);
        Assert.Equal(input, BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Rotate(90).Rotate(270), out int w2));
        Assert.Equal(width, w2);
        Assert.Equal(input, BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Rotate(180).Rotate(-180), out _));
    }

    [Fact]
    public void Angles_are_taken_modulo_360()
    {
        byte[] input = RandomImages.Rgba(13, 6, seed: 4);
        byte[] clockwise270 = BackendParity.Run(TestBackends.Cpu, input, 13, 6, image => image.Rotate(270), out _);
        Assert.Equal(clockwise270, BackendParity.Run(TestBackends.Cpu, input, 13, 6, image => image.Rotate(-90), out _));
        Assert.Equal(clockwise270, BackendParity.Run(TestBackends.Cpu, input, 13, 6, image => image.Rotate(630), out _));
        Assert.Equal(input, BackendParity.Run(TestBackends.Cpu, input, 13, 6, image => image.Rotate(360), out _));
        Assert.Equal(input, BackendParity.Run(TestBackends.Cpu, input, 13, 6, image => image.Rotate(-720), out _));
        Assert.Equal(1, new Rotate(-270).QuarterTurns);
        Assert.Null(new Rotate(90.5).QuarterTurns);
    }

    [Theory]
    [InlineData(100, 50, 45.0, 107, 107)]
    [InlineData(100, 50, 30.0, 112, 94)]
    [InlineData(1, 1, 45.0, 2, 2)]
    [InlineData(7, 1, 90.0, 1, 7)]
    [InlineData(64, 64, 0.001, 65, 65)]
    public void The_canvas_grows_to_hold_the_whole_rotated_image(int width, int height, double angle, int expectedWidth, int expectedHeight)
    {
        // ceil(w |cos a| + h |sin a| - 1e-6) x ceil(w |sin a| + h |cos a| - 1e-6)
        Assert.Equal((expectedWidth, expectedHeight), new Rotate(angle).OutputSize(width, height));
        Assert.Equal((expectedWidth, expectedHeight), new Rotate(-angle).OutputSize(width, height));
    }

    [Fact]
    public void Rotating_by_45_degrees_leaves_the_corners_transparent_or_the_background()
    {
        byte[] input = RandomImages.Opaque(100, 50, seed: 9);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 100, 50, image => image.Rotate(45), out int width);
        int height = output.Length / 4 / width;
        Assert.Equal((107, 107), (width, height));
        foreach (int corner in new[] { 0, width - 1, (height - 1) * width, height * width - 1 })
        {
            Assert.Equal(0u, TestPixels.At(output, corner));
        }

        Assert.Equal(255, output[((height / 2) * width + width / 2) * 4 + 3]); // The middle is covered by the opaque image.

        Rgba red = new(255, 0, 0);
        byte[] filled = BackendParity.Run(TestBackends.Cpu, input, 100, 50, image => image.Rotate(45, red), out _);
        foreach (int corner in new[] { 0, width - 1, (height - 1) * width, height * width - 1 })
        {
            Assert.Equal(red.Packed, TestPixels.At(filled, corner));
        }
    }

    [Fact]
    public void Positive_angles_turn_clockwise()
    {
        // A 41x41 image, opaque only in its top-middle: after 30 degrees clockwise the mark is right of the centre line.
        const int size = 41;
        byte[] input = new byte[size * size * 4];
        for (int y = 0; y < 8; y++)
        {
            for (int x = 18; x < 23; x++)
            {
                input[(y * size + x) * 4 + 3] = 255;
            }
        }

        byte[] output = BackendParity.Run(TestBackends.Cpu, input, size, size, image => image.Rotate(30), out int width);
        double sumX = 0, weight = 0;
        for (int i = 0; i < output.Length / 4; i++)
        {
            sumX += (i % width) * output[i * 4 + 3];
            weight += output[i * 4 + 3];
        }

        Assert.True(sumX / weight > width / 2.0 + 5, $"the mark's centre is at x = {sumX / weight:F1} of {width}");
    }

    [Theory]
    [MemberData(nameof(Angles))]
    public void Cpu_rotation_matches_a_float64_reference(double angle)
    {
        foreach ((int width, int height) in new[] { (33, 17), (1, 7), (64, 64), (127, 61) })
        {
            byte[] input = RandomImages.Rgba(width, height, seed: width * 5 + (int)angle);
            Rgba background = angle > 100 ? new Rgba(10, 200, 30, 128) : Rgba.Transparent;
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Rotate(angle, background), out int outWidth);
            (double[] expected, int expectedWidth) = Reference(input, width, height, angle, background);
            Assert.Equal(expectedWidth, outWidth);
            AssertClose(expected, output, outWidth, $"{width}x{height} by {angle}");
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_quarter_turns_equal_the_cpu_reference(int width, int height)
    {
        BackendParity.Check(width, height, seed: width * 7, image => image.Rotate(90), tolerance: 0);
        BackendParity.Check(width, height, seed: height * 7, image => image.Rotate(180), tolerance: 0);
        BackendParity.Check(width, height, seed: width + height, image => image.Rotate(-90), tolerance: 0);
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_rotation_by_any_angle_equals_the_cpu_reference(int width, int height)
    {
        foreach (double angle in new[] { 30.0, 45.0, 137.5, -10.0 })
        {
            Rgba background = angle < 0 ? new Rgba(200, 100, 50, 77) : Rgba.Transparent;
            BackendParity.Check(width, height, seed: width + (int)angle, image => image.Rotate(angle, background));
        }
    }

    /// <summary>Rotation from its definition, in double: the canvas, the inverse map about both centres, bilinear taps on
    /// premultiplied values, outside taps the background. Straight RGBA out, unrounded.</summary>
    private static (double[] Pixels, int Width) Reference(byte[] rgba, int width, int height, double angle, Rgba background)
    {
        double radians = angle * Math.PI / 180;
        double sin = Math.Sin(radians), cos = Math.Cos(radians);
        int outWidth = (int)Math.Ceiling(Math.Abs(width * cos) + Math.Abs(height * sin) - 1e-6);
        int outHeight = (int)Math.Ceiling(Math.Abs(width * sin) + Math.Abs(height * cos) - 1e-6);
        double[] fill = [background.R * background.A / 255.0, background.G * background.A / 255.0, background.B * background.A / 255.0, background.A];
        double[] result = new double[outWidth * outHeight * 4];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                double dx = x + 0.5 - outWidth / 2.0, dy = y + 0.5 - outHeight / 2.0;
                double sx = cos * dx + sin * dy + width / 2.0 - 0.5;
                double sy = -sin * dx + cos * dy + height / 2.0 - 0.5;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                double fx = sx - x0, fy = sy - y0;
                double[] p = new double[4];
                for (int c = 0; c < 4; c++)
                {
                    p[c] = (1 - fy) * ((1 - fx) * Tap(x0, y0, c) + fx * Tap(x0 + 1, y0, c)) + fy * ((1 - fx) * Tap(x0, y0 + 1, c) + fx * Tap(x0 + 1, y0 + 1, c));
                }

                int o = (y * outWidth + x) * 4;
                if (Math.Round(p[3], MidpointRounding.AwayFromZero) > 0)
                {
                    result[o] = p[0] * 255 / p[3];
                    result[o + 1] = p[1] * 255 / p[3];
                    result[o + 2] = p[2] * 255 / p[3];
                    result[o + 3] = p[3];
                }
            }
        }

        return (result, outWidth);

        double Tap(int x, int y, int c)
        {
            if (x < 0 || x >= width || y < 0 || y >= height)
            {
                return fill[c];
            }

            int i = (y * width + x) * 4;
            return c == 3 ? rgba[i + 3] : rgba[i + c] * (rgba[i + 3] / 255.0);
        }
    }

    /// <summary>
    /// Alpha within 1 everywhere; colour within 1 where the alpha is at least 8. Below that, straight colour is the
    /// premultiplied value times 255 / alpha, so the float32 sampling position's last bits (about 1e-5 pixel) are
    /// magnified beyond a unit; and an alpha near 0.5 may round either way, which decides between a colour and black.
    /// </summary>
    private static void AssertClose(double[] expected, byte[] actual, int width, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i += 4)
        {
            double alpha = expected[i + 3];
            bool ambiguous = Math.Abs(alpha - 0.5) < 0.01;
            Assert.True(Math.Abs(Math.Round(alpha, MidpointRounding.AwayFromZero) - actual[i + 3]) <= 1 || ambiguous,
                $"{context}: alpha at ({i / 4 % width},{i / 4 / width}) expected {alpha:F3}, got {actual[i + 3]}");
            if (alpha < 8)
            {
                continue;
            }

            for (int c = 0; c < 3; c++)
            {
                double value = Math.Clamp(Math.Round(expected[i + c], MidpointRounding.AwayFromZero), 0, 255);
                Assert.True(Math.Abs(value - actual[i + c]) <= 1,
                    $"{context}: channel {"RGB"[c]} at ({i / 4 % width},{i / 4 / width}) expected {expected[i + c]:F3}, got {actual[i + c]}");
            }
        }
    }
}
