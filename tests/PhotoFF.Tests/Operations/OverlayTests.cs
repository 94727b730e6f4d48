using PhotoFF.Backends.Cpu;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class OverlayTests
{
    public static TheoryData<int, int> Placements => new()
    {
        { 5, 3 }, { 0, 0 }, { -7, -4 }, { 25, 10 }, { -3, 12 }, { 30, -6 },
    };

    [Theory]
    [MemberData(nameof(Placements))]
    public void Cpu_overlay_matches_a_float64_source_over_reference(int x, int y)
    {
        const int width = 33, height = 17, overlayWidth = 13, overlayHeight = 9;
        byte[] target = RandomImages.Rgba(width, height, seed: 1);
        byte[] logo = RandomImages.Rgba(overlayWidth, overlayHeight, seed: 2);
        foreach (double opacity in new[] { 1.0, 0.6, 0.01 })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, target, width, height, image =>
            {
                using CudaImage overlay = CudaImage.FromPixels(logo, overlayWidth, overlayHeight, image.Backend);
                image.Overlay(overlay, x, y, opacity);
            }, out _);
            PixelAssert.Equal(Reference(target, width, height, logo, overlayWidth, overlayHeight, x, y, opacity), output, width, tolerance: 1,
                $"overlay at ({x},{y}), opacity {opacity}");
        }
    }

    [Theory]
    [InlineData(33, 0)]
    [InlineData(0, 17)]
    [InlineData(-13, 0)]
    [InlineData(0, -9)]
    [InlineData(int.MaxValue, int.MinValue)]
    public void An_overlay_wholly_outside_leaves_the_image_unchanged(int x, int y)
    {
        byte[] target = RandomImages.Rgba(33, 17, seed: 3);
        byte[] output = BackendParity.Run(TestBackends.Cpu, target, 33, 17, image =>
        {
            using CudaImage overlay = CudaImage.FromPixels(RandomImages.Opaque(13, 9, seed: 4), 13, 9, image.Backend);
            image.Overlay(overlay, x, y);
        }, out _);
        Assert.Equal(target, output);
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Opacity_zero_and_transparent_overlay_pixels_leave_the_image_unchanged(string backend)
    {
        byte[] target = RandomImages.Rgba(33, 17, seed: 5);
        byte[] logo = RandomImages.Rgba(40, 20, seed: 6);
        for (int i = 3; i < logo.Length; i += 8)
        {
            logo[i] = 0; // Every other pixel fully transparent, its colour random.
        }

        byte[] invisible = BackendParity.Run(TestBackends.Named(backend), target, 33, 17, image =>
        {
            using CudaImage overlay = CudaImage.FromPixels(logo, 40, 20, image.Backend);
            image.Overlay(overlay, -2, -1, opacity: 0);
        }, out _);
        Assert.Equal(target, invisible);

        byte[] output = BackendParity.Run(TestBackends.Named(backend), target, 33, 17, image =>
        {
            using CudaImage overlay = CudaImage.FromPixels(logo, 40, 20, image.Backend);
            image.Overlay(overlay, 0, 0, opacity: 0.8);
        }, out _);
        for (int y = 0; y < 17; y++)
        {
            for (int x = 0; x < 33; x++)
            {
                if (logo[(y * 40 + x) * 4 + 3] == 0)
                {
                    Assert.Equal(BitConverter.ToUInt32(target, (y * 33 + x) * 4), BitConverter.ToUInt32(output, (y * 33 + x) * 4));
                }
            }
        }
    }

    [Theory]
    [InlineData(Anchor.TopLeft, 0, 0)]
    [InlineData(Anchor.Top, 40, 0)]
    [InlineData(Anchor.TopRight, 81, 0)]
    [InlineData(Anchor.Left, 0, 20)]
    [InlineData(Anchor.Center, 40, 20)]
    [InlineData(Anchor.Right, 81, 20)]
    [InlineData(Anchor.BottomLeft, 0, 40)]
    [InlineData(Anchor.Bottom, 40, 40)]
    [InlineData(Anchor.BottomRight, 81, 40)]
    public void Anchors_place_the_overlay_and_offsets_move_it_right_and_down(Anchor anchor, int expectedX, int expectedY)
    {
        // A 101x51 image and a 20x11 overlay: (101 - 20) / 2 = 40.5 and (51 - 11) / 2 = 20; centred positions round down.
        using CudaImage logo = CudaImage.FromPixels(RandomImages.Opaque(20, 11, seed: 7), 20, 11, TestBackends.Cpu);
        Assert.Equal((expectedX, expectedY), new Overlay(logo, 0, 0, 1, anchor).Position(101, 51));
        Assert.Equal((expectedX + 3L, expectedY - 5L), new Overlay(logo, 3, -5, 1, anchor).Position(101, 51));

        byte[] output = BackendParity.Run(TestBackends.Cpu, new byte[101 * 51 * 4], 101, 51, image => image.Overlay(logo, anchor, -2, 1), out _);
        (int left, int top, int right, int bottom) = OpaqueBounds(output, 101, 51);
        Assert.Equal((Math.Max(0, expectedX - 2), Math.Max(0, expectedY + 1)), (left, top));
        Assert.Equal((Math.Min(101, expectedX - 2 + 20), Math.Min(51, expectedY + 1 + 11)), (right, bottom));
    }

    [Fact]
    public void A_larger_overlay_is_centred_with_a_negative_position()
    {
        using CudaImage logo = CudaImage.FromPixels(RandomImages.Opaque(25, 14, seed: 8), 25, 14, TestBackends.Cpu);
        Assert.Equal((-2L, -3L), new Overlay(logo, 0, 0, 1, Anchor.Center).Position(21, 8)); // floor(-4 / 2), floor(-6 / 2)
        Assert.Equal((-3L, -3L), new Overlay(logo, 0, 0, 1, Anchor.Center).Position(20, 8)); // floor(-5 / 2) = -3
    }

    [Fact]
    public void The_overlay_is_neither_changed_nor_disposed()
    {
        byte[] logo = RandomImages.Rgba(13, 9, seed: 9);
        using CudaImage overlay = CudaImage.FromPixels(logo, 13, 9, TestBackends.Cpu);
        using CudaImage image = CudaImage.FromPixels(RandomImages.Rgba(20, 20, seed: 10), 20, 20, TestBackends.Cpu);
        image.Overlay(overlay, Anchor.BottomRight, -1, -1, 0.5);
        Assert.False(overlay.IsDisposed);
        Assert.Equal(logo, overlay.ToArray());
    }

    [Fact]
    public void An_image_laid_over_itself_is_refused_and_left_unchanged()
    {
        byte[] input = RandomImages.Rgba(30, 20, seed: 11);
        using CudaImage image = CudaImage.FromPixels(input, 30, 20, TestBackends.Cpu);

        ImageOperationException error = Assert.Throws<ImageOperationException>(() => image.Overlay(image, 4, 3, 0.7));

        Assert.Equal("SameImage", error.ErrorId);
        Assert.StartsWith("The overlay is the same image object as the image it is laid on.", error.Message, StringComparison.Ordinal);
        Assert.Equal(input, image.ToArray());
    }

    [Fact]
    public void An_overlay_on_another_backend_is_refused_with_a_clear_error()
    {
        using CpuBackend other = new(16L << 20);
        using CudaImage overlay = CudaImage.FromPixels(RandomImages.Rgba(4, 4, seed: 12), 4, 4, other);
        using CudaImage image = CudaImage.FromPixels(RandomImages.Rgba(8, 8, seed: 13), 8, 8, TestBackends.Cpu);
        byte[] before = image.ToArray();
        ArgumentException error = Assert.Throws<ArgumentException>(() => image.Overlay(overlay, 0, 0));
        Assert.StartsWith("The overlay is on the CPU backend but the image is on", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, image.ToArray());
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_overlay_equals_the_cpu_reference(int width, int height)
    {
        int logoWidth = width / 2 + 3, logoHeight = height / 2 + 1;
        byte[] logo = RandomImages.Rgba(logoWidth, logoHeight, seed: width);
        foreach ((int x, int y, double opacity) in new[] { (0, 0, 1.0), (width / 3, height / 3, 0.55), (-2, -1, 0.9), (width - 1, height - 1, 0.3) })
        {
            // The overlay is made on the image's backend (another stream on CUDA) and disposed right after the composite
            // is queued: its buffer must not be reused before the composite has read it.
            BackendParity.Check(width, height, seed: height + x, image =>
            {
                using CudaImage overlay = CudaImage.FromPixels(logo, logoWidth, logoHeight, image.Backend);
                image.Overlay(overlay, x, y, opacity);
            });
        }

        BackendParity.Check(width, height, seed: 5, image =>
        {
            using CudaImage overlay = CudaImage.FromPixels(logo, logoWidth, logoHeight, image.Backend);
            image.Overlay(overlay, Anchor.BottomRight, -1, -1, 0.5);
        });
    }

    /// <summary>Source-over from its definition, in double, straight alpha in and out.</summary>
    private static byte[] Reference(byte[] target, int width, int height, byte[] overlay, int overlayWidth, int overlayHeight, int x, int y, double opacity)
    {
        byte[] result = (byte[])target.Clone();
        for (int ty = Math.Max(0, y); ty < Math.Min(height, y + overlayHeight); ty++)
        {
            for (int tx = Math.Max(0, x); tx < Math.Min(width, x + overlayWidth); tx++)
            {
                int s = ((ty - y) * overlayWidth + (tx - x)) * 4;
                int d = (ty * width + tx) * 4;
                double sa = overlay[s + 3] / 255.0 * opacity;
                if (sa == 0)
                {
                    continue;
                }

                double da = target[d + 3] / 255.0;
                double outA = sa + da * (1 - sa);
                byte alpha = (byte)Math.Round(outA * 255, MidpointRounding.AwayFromZero);
                for (int c = 0; c < 3; c++)
                {
                    double value = (overlay[s + c] * sa + target[d + c] * da * (1 - sa)) / outA;
                    result[d + c] = alpha == 0 ? (byte)0 : (byte)Math.Round(value, MidpointRounding.AwayFromZero);
                }

                result[d + 3] = alpha;
            }
        }

        return result;
    }

    private static (int Left, int Top, int Right, int Bottom) OpaqueBounds(byte[] pixels, int width, int height)
    {
        int left = width, top = height, right = 0, bottom = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (pixels[(y * width + x) * 4 + 3] != 0)
                {
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x + 1), Math.Max(bottom, y + 1));
                }
            }
        }

        return (left, top, right, bottom);
    }
}
