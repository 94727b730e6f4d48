using PhotoFF.Backends;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class JoinTests
{
    private static readonly (int Width, int Height)[] Sizes = [(7, 5), (3, 9), (10, 4), (1, 1), (6, 6)];

    [Fact]
    public void The_grid_is_columns_times_the_largest_cell_plus_spacing()
    {
        GridLayout layout = new Join(spacing: 4).Layout(Sizes);
        Assert.Equal(3, layout.Columns); // ceil(sqrt(5))
        Assert.Equal(2, layout.Rows);
        Assert.Equal((10, 9), (layout.CellWidth, layout.CellHeight));
        Assert.Equal(3 * 10 + 2 * 4, layout.Width);
        Assert.Equal(2 * 9 + 1 * 4, layout.Height);
        Assert.Equal((2 * 14, 13), layout.CellOrigin(5));

        GridLayout one = new Join(columns: 1, cellWidth: 20, cellHeight: 8).Layout(Sizes);
        Assert.Equal((20, 5 * 8), (one.Width, one.Height));
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void Each_image_is_centred_in_its_cell_on_the_background(string backendName)
    {
        IImageBackend backend = TestBackends.Named(backendName);
        Rgba background = new(1, 2, 3, 200);
        byte[][] inputs = Sizes.Select((s, i) => RandomImages.Rgba(s.Width, s.Height, seed: 50 + i)).ToArray();
        CudaImage[] images = inputs.Select((p, i) => CudaImage.FromPixels(p, Sizes[i].Width, Sizes[i].Height, backend)).ToArray();
        try
        {
            Join grid = new(columns: 2, spacing: 3, background: background);
            using CudaImage joined = ImageOperations.Join(images, grid);
            GridLayout layout = grid.Layout(Sizes);
            Assert.Equal((layout.Width, layout.Height), (joined.Width, joined.Height));
            Assert.Equal(2 * 10 + 3, joined.Width);
            Assert.Equal(3 * 9 + 2 * 3, joined.Height);

            uint[] expected = Enumerable.Repeat(background.Packed, layout.Width * layout.Height).ToArray();
            for (int i = 0; i < images.Length; i++)
            {
                (int cx, int cy) = layout.CellOrigin(i);
                int left = cx + (layout.CellWidth - Sizes[i].Width) / 2;
                int top = cy + (layout.CellHeight - Sizes[i].Height) / 2;
                for (int y = 0; y < Sizes[i].Height; y++)
                {
                    for (int x = 0; x < Sizes[i].Width; x++)
                    {
                        expected[(top + y) * layout.Width + left + x] = BitConverter.ToUInt32(inputs[i], (y * Sizes[i].Width + x) * 4);
                    }
                }
            }

            PixelAssert.Equal(expected.SelectMany(BitConverter.GetBytes).ToArray(), joined.ToArray(), layout.Width);
            Assert.All(images.Select((image, i) => image.ToArray().SequenceEqual(inputs[i])), Assert.True);
        }
        finally
        {
            Array.ForEach(images, image => image.Dispose());
        }
    }

    [Theory]
    [InlineData(ResizeFit.Fill)]
    [InlineData(ResizeFit.Contain)]
    [InlineData(ResizeFit.Cover)]
    [InlineData(ResizeFit.Inside)]
    public void With_a_cell_size_each_image_is_resized_into_its_cell(ResizeFit fit)
    {
        byte[] first = RandomImages.Opaque(40, 20, seed: 1);
        byte[] second = RandomImages.Opaque(9, 30, seed: 2);
        using CudaImage a = CudaImage.FromPixels(first, 40, 20, TestBackends.Cpu);
        using CudaImage b = CudaImage.FromPixels(second, 9, 30, TestBackends.Cpu);
        Join grid = new(spacing: 2, background: Rgba.White, cellWidth: 16, cellHeight: 12, fit: fit);
        using CudaImage joined = ImageOperations.Join([a, b], grid);
        Assert.Equal((2 * 16 + 2, 12), (joined.Width, joined.Height));
        byte[] pixels = joined.ToArray();

        foreach ((CudaImage image, int cellX) in new[] { (a, 0), (b, 18) })
        {
            using CudaImage fitted = image.Clone().Resize(16, 12, fit, background: Rgba.White);
            byte[] cell = fitted.ToArray();
            int left = cellX + (16 - fitted.Width) / 2;
            int top = (12 - fitted.Height) / 2;
            for (int y = 0; y < fitted.Height; y++)
            {
                Assert.Equal(cell.AsSpan(y * fitted.Width * 4, fitted.Width * 4).ToArray(),
                    pixels.AsSpan(((top + y) * joined.Width + left) * 4, fitted.Width * 4).ToArray());
            }
        }

        // The spacing between the cells is the background.
        for (int y = 0; y < 12; y++)
        {
            Assert.Equal(Rgba.White.Packed, BitConverter.ToUInt32(pixels, (y * joined.Width + 16) * 4));
        }
    }

    [Fact]
    public void A_cell_size_without_a_fit_means_contain()
    {
        Assert.Equal(ResizeFit.Contain, new Join(cellWidth: 5).Fit);
        Assert.Null(new Join().Fit);
        Assert.Equal(ResizeFit.Cover, new Join(fit: ResizeFit.Cover).Fit);
    }

    [Fact]
    public void Copy_region_clips_to_both_images()
    {
        const int sw = 9, sh = 7, dw = 6, dh = 5;
        byte[] source = RandomImages.Rgba(sw, sh, seed: 9);
        byte[] destination = RandomImages.Rgba(dw, dh, seed: 10);
        foreach ((int sx, int sy, int w, int h, int x, int y) in new[] { (0, 0, sw, sh, -2, -3), (2, 1, 5, 5, 3, 2), (-4, -1, 8, 8, 0, 0), (0, 0, 3, 3, 6, 0), (0, 0, 0, 4, 1, 1) })
        {
            byte[] actual = CopyRegion(TestBackends.Cpu, source, sw, sh, sx, sy, w, h, destination, dw, dh, x, y);
            byte[] expected = (byte[])destination.Clone();
            for (int ty = 0; ty < h; ty++)
            {
                for (int tx = 0; tx < w; tx++)
                {
                    int px = sx + tx, py = sy + ty, qx = x + tx, qy = y + ty;
                    if (px >= 0 && py >= 0 && px < sw && py < sh && qx >= 0 && qy >= 0 && qx < dw && qy < dh)
                    {
                        Array.Copy(source, (py * sw + px) * 4, expected, (qy * dw + qx) * 4, 4);
                    }
                }
            }

            PixelAssert.Equal(expected, actual, dw, context: $"rectangle ({sx},{sy},{w},{h}) at ({x},{y})");
        }
    }

    [Theory]
    [MemberData(nameof(RandomImages.OddSizes), MemberType = typeof(RandomImages))]
    public void Cuda_copy_region_equals_the_cpu_one_exactly(int width, int height)
    {
        byte[] source = RandomImages.Rgba(width, height, seed: width * 3);
        byte[] destination = RandomImages.Rgba(width + 5, height + 2, seed: height * 3);
        foreach ((int sx, int sy, int x, int y) in new[] { (0, 0, 0, 0), (1, 0, 3, 1), (-1, -2, -3, 2), (width / 2, height / 2, 0, 0) })
        {
            byte[] expected = CopyRegion(TestBackends.Cpu, source, width, height, sx, sy, width, height, destination, width + 5, height + 2, x, y);
            byte[] actual = CopyRegion(TestBackends.Cuda, source, width, height, sx, sy, width, height, destination, width + 5, height + 2, x, y);
            PixelAssert.Equal(expected, actual, width + 5);
        }
    }

    private static byte[] CopyRegion(IImageBackend backend, byte[] source, int sw, int sh, int sx, int sy, int w, int h, byte[] destination, int dw, int dh, int x, int y)
    {
        using CudaImage from = CudaImage.FromPixels(source, sw, sh, backend);
        using CudaImage to = CudaImage.FromPixels(destination, dw, dh, backend);
        backend.CopyRegion(from.Pixels, sw, sh, sx, sy, w, h, to.Pixels, dw, dh, x, y);
        return to.ToArray();
    }
}
