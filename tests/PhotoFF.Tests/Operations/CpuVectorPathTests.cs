using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

/// <summary>
/// The CPU backend's vectorized paths against its scalar reference, bit for bit: the same float32 operations in the same
/// order per pixel must give the same bytes, on random images with alpha edges, sizes with vector tails (1, 7, 33,
/// 4097...), and sizes that cut the work into several strips and bands. Outputs are poisoned (BackendParity.Run).
/// </summary>
public sealed class CpuVectorPathTests : IDisposable
{
    private readonly CpuBackend scalar = new(scalarOnly: true);
    private readonly CpuBackend vectorized = new();

    /// <summary>The eight-lane paths, also where the CPU has AVX-512 and <see cref="vectorized"/> takes sixteen.</summary>
    private readonly CpuBackend narrow = new(scalarOnly: false, wideVectors: false);

    /// <summary>Odd sizes, plus a wide one (several strips of the blur), a tall one (several bands) and a large one.</summary>
    public static TheoryData<int, int> Sizes => new()
    {
        { 1, 1 }, { 1, 7 }, { 7, 1 }, { 3, 5 }, { 33, 17 }, { 64, 64 }, { 127, 61 }, { 257, 129 }, { 4097, 3 }, { 2111, 37 }, { 19, 901 }, { 613, 411 },
    };

    [Fact]
    public void The_vectorized_paths_run_where_the_hardware_has_them()
    {
        Assert.False(scalar.Vectorized);
        Assert.Equal(VectorMath.IsSupported, vectorized.Vectorized);
        Assert.Equal(FloatLanes.WideSupported, vectorized.WideVectors);
        Assert.False(narrow.WideVectors);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Blur_equals_the_scalar_reference(int width, int height)
    {
        foreach (double radius in (double[])[0.5, 5, 10.6, 41])
        {
            Same(width, height, image => image.GaussianBlur(radius), $"blur radius {radius}");
            Same(width, height, image => image.GaussianBlur(radius), $"blur radius {radius}, eight lanes", narrow);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Blur_of_opaque_images_and_of_images_opaque_but_for_a_patch_equals_the_scalar_reference(int width, int height)
    {
        // Opaque tiles skip their alpha sums; a patch of random alpha keeps the tiles that read it on four planes.
        foreach (double radius in (double[])[0.5, 5, 41])
        {
            Same(width, height, image => image.GaussianBlur(radius), $"opaque, blur radius {radius}", input: RandomImages.Opaque(width, height, seed: width * 37 + height));
            Same(width, height, image => image.GaussianBlur(radius), $"opaque but a patch, blur radius {radius}", input: OpaqueButAPatch(width, height));
            Same(width, height, image => image.GaussianBlur(radius), $"opaque but a patch, blur radius {radius}, eight lanes", narrow, OpaqueButAPatch(width, height));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Blur_of_opaque_images_with_scattered_rows_of_alpha_equals_the_scalar_reference(int width, int height)
    {
        // A row with a pixel of alpha makes the windows that read it sum four planes, the opaque rows beside it with their
        // alpha planes filled; windows without one go back to three planes while those rows stay in the ring.
        foreach (double radius in (double[])[0.5, 2, 5])
        {
            Same(width, height, image => image.GaussianBlur(radius), $"opaque with scattered alpha, blur radius {radius}", input: OpaqueButScatteredRows(width, height));
            Same(width, height, image => image.GaussianBlur(radius), $"opaque with scattered alpha, blur radius {radius}, eight lanes", narrow,
                OpaqueButScatteredRows(width, height));
        }
    }

    [Fact]
    public void Blur_with_a_kernel_wider_than_a_strip_equals_the_scalar_reference()
    {
        // 3 sigma each side of sigma 60: 361 taps, more than the 64-column strips' ring holds at 256 KB.
        Same(300, 41, image => image.GaussianBlur(120), "blur radius 120");
        Same(300, 41, image => image.GaussianBlur(120), "blur radius 120, eight lanes", narrow);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Resize_equals_the_scalar_reference(int width, int height)
    {
        foreach (ResizeInterpolation interpolation in Enum.GetValues<ResizeInterpolation>())
        {
            Same(width, height, image => image.Resize(Math.Max(1, width * 2 / 5), Math.Max(1, height / 3 + 1), interpolation: interpolation), $"{interpolation} down");
            Same(width, height, image => image.Resize(width * 3 + 1, height * 2 + 3, interpolation: interpolation), $"{interpolation} up");
            Same(width, height, image => image.Resize(width / 2 + 5, height / 3 + 7, ResizeFit.Contain, interpolation, new Rgba(1, 2, 3, 4)), $"{interpolation} contain");
            Same(width, height, image => image.Resize(width / 2 + 5, height / 3 + 7, ResizeFit.Cover, interpolation), $"{interpolation} cover");
            Same(width, height, image => image.Resize(Math.Max(1, width * 2 / 5), Math.Max(1, height / 3 + 1), interpolation: interpolation),
                $"{interpolation} down, eight lanes", narrow);
            Same(width, height, image => image.Resize(width * 3 + 1, height * 2 + 3, interpolation: interpolation), $"{interpolation} up, eight lanes", narrow);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Resize_of_opaque_images_and_of_opaque_images_with_scattered_rows_of_alpha_equals_the_scalar_reference(int width, int height)
    {
        // Pairs (on AVX-512 fours) of opaque source rows are converted without their scale; a pair with a pixel of alpha is
        // premultiplied.
        foreach (ResizeInterpolation interpolation in (ResizeInterpolation[])[ResizeInterpolation.Bicubic, ResizeInterpolation.Lanczos3])
        {
            foreach ((string name, byte[] input) in (ValueTuple<string, byte[]>[])[
                ("opaque", RandomImages.Opaque(width, height, seed: width * 37 + height)), ("scattered alpha", OpaqueButScatteredRows(width, height))])
            {
                Same(width, height, image => image.Resize(Math.Max(1, width * 2 / 5), Math.Max(1, height / 3 + 1), interpolation: interpolation),
                    $"{interpolation} down, {name}", input: input);
                Same(width, height, image => image.Resize(width * 3 + 1, height * 2 + 3, interpolation: interpolation), $"{interpolation} up, {name}", input: input);
                Same(width, height, image => image.Resize(Math.Max(1, width * 2 / 5), Math.Max(1, height / 3 + 1), interpolation: interpolation),
                    $"{interpolation} down, {name}, eight lanes", narrow, input);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Rotations_by_quarter_turns_equal_the_scalar_reference(int width, int height)
    {
        foreach (int angle in (int[])[90, 180, 270])
        {
            Same(width, height, image => image.Rotate(angle), $"rotate {angle}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Sharpen_equals_the_scalar_reference(int width, int height)
    {
        Same(width, height, image => image.Sharpen(2, 1.5), "sharpen");
        Same(width, height, image => image.Sharpen(3, 4, threshold: 9), "sharpen with a threshold");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Per_pixel_operations_equal_the_scalar_reference(int width, int height)
    {
        Same(width, height, image => image.Grayscale(), "grayscale");
        Same(width, height, image => image.Opacity(0.37), "opacity");
        Same(width, height, image => image.ColorAdjustment(brightness: 0.1, contrast: 0.3, saturation: 1.7, gamma: 0.8), "colour adjustment");
        Same(width, height, image => image.ColorAdjustment(saturation: 0.2, invert: true), "desaturation");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Distance_field_effects_equal_the_scalar_reference(int width, int height)
    {
        foreach (bool inner in (bool[])[false, true])
        {
            Same(width, height, image => image.Stroke(3.5, new Rgba(10, 200, 30, 200), inner), $"stroke, inner {inner}");
            Same(width, height, image => image.Shadow(6, 0.7, new Rgba(0, 0, 0), 5, -3, inner), $"shadow, inner {inner}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Colour_keys_equal_the_scalar_reference(int width, int height)
    {
        foreach (Rgba key in new[] { new Rgba(0, 255, 0), new Rgba(30, 60, 200), new Rgba(128, 128, 128) })
        {
            foreach ((double tolerance, double softness) in new[] { (0.3, 0.1), (0.5, 0.0), (0.05, 0.6), (0.0, 0.0) })
            {
                foreach (bool spill in (bool[])[false, true])
                {
                    Same(width, height, image => image.ColorKey(key, tolerance, softness, spill), $"key {key}, tolerance {tolerance}, softness {softness}, spill {spill}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Keys_by_another_image_equal_the_scalar_reference(int width, int height)
    {
        byte[] keyPixels = RandomImages.Rgba(width, height, seed: width * 7 + height * 3);
        foreach (ColorChannel channel in Enum.GetValues<ColorChannel>())
        {
            foreach ((int threshold, bool invert, bool zero) in new[] { (127, false, false), (0, true, false), (254, false, true), (0, false, false), (255, true, true), (255, false, false) })
            {
                Same(width, height, image =>
                {
                    using CudaImage key = CudaImage.FromPixels(keyPixels, width, height, image.Backend);
                    image.ChromaKey(key, channel, threshold, invert, zero);
                }, $"key by {channel} > {threshold}, invert {invert}, zero {zero}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Overlays_equal_the_scalar_reference(int width, int height)
    {
        if (!vectorized.Vectorized)
        {
            Assert.Skip("No vectorized paths on this hardware: the backend runs the scalar reference only.");
        }

        byte[] target = RandomImages.Rgba(width, height, seed: width * 23 + height);
        byte[] layer = RandomImages.Rgba(width / 2 + 9, height / 2 + 3, seed: width * 29 + height);
        foreach ((int x, int y, double opacity) in new[] { (0, 0, 1.0), (-3, 2, 0.5), (width / 3, height / 4, 0.8), (5 - width, 1, 1.0), (1, -2, 0.0) })
        {
            byte[] expected = Overlaid(scalar, target, layer, width, height, x, y, opacity);
            byte[] actual = Overlaid(vectorized, target, layer, width, height, x, y, opacity);
            PixelAssert.Equal(expected, actual, width, tolerance: 0, $"overlay at ({x}, {y}), opacity {opacity}, on {width}x{height}, vectorized vs scalar");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Gradients_equal_the_scalar_reference(int width, int height)
    {
        foreach (GradientDirection direction in Enum.GetValues<GradientDirection>())
        {
            foreach (bool seamless in (bool[])[false, true])
            {
                Same(width, height, image => image.FillGradient(new Rgba(250, 3, 128, 255), new Rgba(7, 240, 60, 17), direction, seamless), $"{direction} gradient, seamless {seamless}");
                Same(width, height, image => image.FillGradient(Rgba.Black, Rgba.White, direction, seamless), $"{direction} black to white, seamless {seamless}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Difference_histograms_equal_the_scalar_reference(int width, int height)
    {
        if (!vectorized.Vectorized)
        {
            Assert.Skip("No vectorized paths on this hardware: the backend runs the scalar reference only.");
        }

        byte[] first = RandomImages.Rgba(width, height, seed: width * 17 + height);
        byte[] unrelated = RandomImages.Rgba(width, height, seed: width * 17 + height + 1);
        byte[] similar = (byte[])first.Clone();
        Random random = new(width + height);
        for (int i = 0; i < similar.Length; i += 1 + random.Next(7))
        {
            similar[i] = (byte)Math.Clamp(similar[i] + random.Next(-3, 4), 0, 255);
        }

        foreach ((string what, byte[] second) in new[] { ("unrelated", unrelated), ("similar", similar), ("identical", (byte[])first.Clone()) })
        {
            (uint[] expectedCounts, byte[] expectedImage) = DifferenceHistograms(scalar, first, second, width, height);
            (uint[] actualCounts, byte[] actualImage) = DifferenceHistograms(vectorized, first, second, width, height);
            Assert.Equal(expectedCounts, actualCounts);
            PixelAssert.Equal(expectedImage, actualImage, width, tolerance: 0, $"{what} images on {width}x{height}: the difference image");
            for (int histogram = 0; histogram < 5; histogram++)
            {
                Assert.Equal((long)width * height, actualCounts.Skip(histogram * IImageBackend.HistogramBins).Take(IImageBackend.HistogramBins).Sum(n => n));
            }
        }
    }

    public void Dispose()
    {
        scalar.Dispose();
        vectorized.Dispose();
        narrow.Dispose();
    }

    private void Same(int width, int height, Action<CudaImage> operation, string what, CpuBackend? under = null, byte[]? input = null)
    {
        if (!vectorized.Vectorized)
        {
            Assert.Skip("No vectorized paths on this hardware: the backend runs the scalar reference only.");
        }

        input ??= RandomImages.Rgba(width, height, seed: width * 131 + height);
        byte[] expected = BackendParity.Run(scalar, input, width, height, operation, out int resultWidth);
        byte[] actual = BackendParity.Run(under ?? vectorized, input, width, height, operation, out _);
        PixelAssert.Equal(expected, actual, resultWidth, tolerance: 0, $"{what} on {width}x{height}, vectorized vs scalar");
    }

    /// <summary>A random opaque image but for a patch of random alpha a third of the way in.</summary>
    private static byte[] OpaqueButAPatch(int width, int height)
    {
        byte[] pixels = RandomImages.Opaque(width, height, seed: width * 37 + height);
        byte[] alphas = RandomImages.Rgba(width, height, seed: width + 11 * height);
        for (int y = height / 3; y <= Math.Min(height - 1, height / 3 + 2); y++)
        {
            for (int x = width / 3; x <= Math.Min(width - 1, width / 3 + 4); x++)
            {
                int at = 4 * (y * width + x) + 3;
                pixels[at] = alphas[at];
            }
        }

        return pixels;
    }

    /// <summary>A random opaque image but for one pixel of random alpha (0 to 254) in some rows, 1 to 30 rows apart.</summary>
    private static byte[] OpaqueButScatteredRows(int width, int height)
    {
        byte[] pixels = RandomImages.Opaque(width, height, seed: width * 41 + height);
        Random random = new(width * 7 + height);
        for (int y = random.Next(3); y < height; y += random.Next(1, 31))
        {
            pixels[4 * (y * width + random.Next(width)) + 3] = (byte)random.Next(255);
        }

        return pixels;
    }

    private static (uint[] Counts, byte[] Image) DifferenceHistograms(CpuBackend backend, byte[] first, byte[] second, int width, int height)
    {
        using CudaImage a = CudaImage.FromPixels(first, width, height, backend);
        using CudaImage b = CudaImage.FromPixels(second, width, height, backend);
        using CudaImage difference = CudaImage.FromPixels(RandomImages.Poison(width * height * 4), width, height, backend);
        uint[] counts = new uint[5 * IImageBackend.HistogramBins];
        backend.DifferenceHistograms(a.Pixels, b.Pixels, width, height, difference.Pixels, counts);
        return (counts, difference.ToArray());
    }

    private static byte[] Overlaid(CpuBackend backend, byte[] target, byte[] layer, int width, int height, int x, int y, double opacity)
    {
        using CudaImage image = CudaImage.FromPixels(target, width, height, backend);
        using CudaImage over = CudaImage.FromPixels(layer, width / 2 + 9, height / 2 + 3, backend);
        image.Overlay(over, x, y, opacity);
        return image.ToArray();
    }
}
