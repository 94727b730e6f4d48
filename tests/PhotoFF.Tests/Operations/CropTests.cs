using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class CropTests
{
    /// <summary>The rectangle of <paramref name="rgba"/> at (x, y), transparent (0) where it lies outside.</summary>
    private static byte[] Reference(byte[] rgba, int width, int height, int x, int y, int cropWidth, int cropHeight)
    {
        byte[] result = new byte[cropWidth * cropHeight * 4];
        for (int dy = 0; dy < cropHeight; dy++)
        {
            for (int dx = 0; dx < cropWidth; dx++)
            {
                int sx = x + dx, sy = y + dy;
                if (sx >= 0 && sx < width && sy >= 0 && sy < height)
                {
                    Array.Copy(rgba, (sy * width + sx) * 4, result, (dy * cropWidth + dx) * 4, 4);
                }
            }
        }

        return result;
    }

    /// <summary>Rectangles inside, partly outside on each side, around and wholly outside an image of the size.</summary>
    private static IEnumerable<(int X, int Y, int Width, int Height)> Rectangles(int width, int height) =>
    [
        (0, 0, 1, 1),
        (width / 3, height / 4, Math.Max(1, width / 2), Math.Max(1, height / 2)),
        (width - 1, height - 1, 1, 1),
        (-3, -2, width, height),
        (width / 2, height / 2, width, height + 5),
        (-4, -5, width + 9, height + 11),
        (width + 2, 0, 3, 3),
        (0, -height - 1, width, height),
    ];

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cpu_crop_is_the_sub_array_with_transparency_outside(int width, int height)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 5 + height);
        foreach ((int x, int y, int w, int h) in Rectangles(width, height))
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Crop(x, y, w, h), out int resultWidth);
            Assert.Equal(w, resultWidth);
            PixelAssert.Equal(Reference(input, width, height, x, y, w, h), output, w, context: $"({x}, {y}) {w}x{h} of {width}x{height}");
        }
    }

    [Fact]
    public void A_rectangle_inside_keeps_every_byte_even_of_transparent_pixels()
    {
        byte[] input = RandomImages.Rgba(50, 40, seed: 2);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 50, 40, image => image.Crop(10, 5, 30, 20, strict: true), out _);
        for (int row = 0; row < 20; row++)
        {
            Assert.Equal(input.AsSpan(((row + 5) * 50 + 10) * 4, 30 * 4).ToArray(), output.AsSpan(row * 30 * 4, 30 * 4).ToArray());
        }
    }

    [Fact]
    public void A_crop_of_the_whole_image_changes_nothing()
    {
        byte[] input = RandomImages.Rgba(17, 9, seed: 6);
        Assert.Equal(input, BackendParity.Run(TestBackends.Cpu, input, 17, 9, image => image.Crop(0, 0, 17, 9), out _));
        Assert.Equal(input, BackendParity.Run(TestBackends.Cpu, input, 17, 9, image => image.CropMargins(0), out _));
    }

    [Fact]
    public void Strict_refuses_a_rectangle_not_inside_the_image_and_leaves_it_unchanged()
    {
        byte[] input = RandomImages.Rgba(30, 20, seed: 3);
        using CudaImage image = CudaImage.FromPixels(input, 30, 20, TestBackends.Cpu);
        foreach ((int x, int y, int w, int h) in new[] { (-1, 0, 5, 5), (0, -1, 5, 5), (26, 0, 5, 5), (0, 16, 5, 5), (0, 0, 31, 20) })
        {
            ImageOperationException error = Assert.Throws<ImageOperationException>(() => image.Crop(x, y, w, h, strict: true));
            Assert.Equal("CropOutsideImage", error.ErrorId);
            Assert.Contains("30x20", error.Message);
        }

        Assert.Equal((30, 20), (image.Width, image.Height));
        Assert.Equal(input, image.ToArray());
        image.Crop(25, 15, 5, 5, strict: true);
        Assert.Equal((5, 5), (image.Width, image.Height));
    }

    [Theory]
    [InlineData(new[] { 3 }, 3, 3, 3, 3)]
    [InlineData(new[] { 2, 5 }, 2, 5, 2, 5)]
    [InlineData(new[] { 1, 2, 3, 4 }, 1, 2, 3, 4)]
    [InlineData(new[] { 0, 0, 7, 0 }, 0, 0, 7, 0)]
    public void Margins_follow_css_order(int[] margins, int top, int right, int bottom, int left)
    {
        const int width = 23, height = 19;
        byte[] input = RandomImages.Rgba(width, height, seed: 12);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.CropMargins(margins), out int resultWidth);
        int w = width - left - right, h = height - top - bottom;
        Assert.Equal(w, resultWidth);
        PixelAssert.Equal(Reference(input, width, height, left, top, w, h), output, w);
        Assert.Equal([top, right, bottom, left], Crop.FromMargins(margins).Margins!);
    }

    [Theory]
    [InlineData(new[] { 10 })]
    [InlineData(new[] { 0, 15 })]
    [InlineData(new[] { 9, 0, 11, 0 })]
    public void Margins_that_leave_nothing_are_refused(int[] margins)
    {
        byte[] input = RandomImages.Rgba(30, 20, seed: 4);
        using CudaImage image = CudaImage.FromPixels(input, 30, 20, TestBackends.Cpu);
        ImageOperationException error = Assert.Throws<ImageOperationException>(() => image.CropMargins(margins));
        Assert.Equal("CropMarginsTooLarge", error.ErrorId);
        Assert.Contains("leave nothing", error.Message);
        Assert.Equal(input, image.ToArray());
    }

    [Fact]
    public void Definitions_refuse_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Crop.Rectangle(0, 0, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Crop.Rectangle(0, 0, 5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Crop.Rectangle(0, 0, 1 << 20, 1 << 20));
        Assert.Throws<ArgumentException>(() => Crop.FromMargins([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => Crop.FromMargins([]));
        Assert.Throws<ArgumentException>(() => Crop.FromMargins([1, -2]));
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_crop_equals_the_cpu_reference(int width, int height)
    {
        foreach ((int x, int y, int w, int h) in Rectangles(width, height))
        {
            BackendParity.Check(width, height, seed: x + y + width, image => image.Crop(x, y, w, h), tolerance: 0);
        }

        if (width > 2 && height > 2)
        {
            BackendParity.Check(width, height, seed: 1, image => image.CropMargins(1, 0, 1, 1), tolerance: 0);
        }
    }
}
