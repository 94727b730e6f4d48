using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class ResizeTests
{
    private static readonly ResizeInterpolation[] Filters =
        [ResizeInterpolation.Nearest, ResizeInterpolation.Bilinear, ResizeInterpolation.Bicubic, ResizeInterpolation.Lanczos3];

    /// <summary>Source size, output size, filter: enlargements, 2x and 3.7x reductions, single pixels and rows, odd sizes.</summary>
    public static TheoryData<int, int, int, int, ResizeInterpolation> Cases()
    {
        TheoryData<int, int, int, int, ResizeInterpolation> cases = new();
        (int, int, int, int)[] sizes =
        [
            (1, 1, 5, 3), (1, 7, 3, 2), (7, 1, 16, 1), (3, 5, 7, 11), (33, 17, 71, 40), (64, 64, 32, 32),
            (127, 61, 34, 16), (257, 129, 69, 35), (97, 45, 96, 46), (4097, 3, 1107, 2), (40, 30, 9, 50),
        ];
        foreach ((int w, int h, int ow, int oh) in sizes)
        {
            foreach (ResizeInterpolation filter in Filters)
            {
                cases.Add(w, h, ow, oh, filter);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cpu_resize_matches_a_float64_reference(int width, int height, int outputWidth, int outputHeight, ResizeInterpolation filter)
    {
        byte[] input = RandomImages.Rgba(width, height, seed: width * 13 + height + (int)filter);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height,
            image => image.Resize(outputWidth, outputHeight, ResizeFit.Fill, filter), out int resultWidth);
        Assert.Equal(outputWidth, resultWidth);
        double[] expected = ResizeReference.Resize(input, width, height, filter, outputWidth, outputHeight,
            outputWidth / (double)width, outputHeight / (double)height);
        PixelAssert.Equal(Float64Reference.ToBytes(expected), output, outputWidth, tolerance: 1, $"{filter} {width}x{height} -> {outputWidth}x{outputHeight}");
    }

    [Theory]
    [InlineData(ResizeInterpolation.Bicubic)]
    [InlineData(ResizeInterpolation.Lanczos3)]
    [InlineData(ResizeInterpolation.Nearest)]
    public void Cpu_cover_matches_a_float64_reference_centred_on_the_source(ResizeInterpolation filter)
    {
        byte[] input = RandomImages.Rgba(101, 43, seed: 17);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 101, 43, image => image.Resize(30, 20, ResizeFit.Cover, filter), out int resultWidth);
        Assert.Equal(30, resultWidth);
        // Cover scales by the larger ratio (20 / 43 here) and cuts the middle 30 / scale source columns.
        double scale = 20 / 43.0;
        double[] expected = ResizeReference.Resize(input, 101, 43, filter, 30, 20, scale, scale, originX: (101 - 30 / scale) / 2, originY: 0);
        PixelAssert.Equal(Float64Reference.ToBytes(expected), output, 30, tolerance: 1);
    }

    [Theory]
    [InlineData(ResizeInterpolation.Nearest)]
    [InlineData(ResizeInterpolation.Bilinear)]
    [InlineData(ResizeInterpolation.Bicubic)]
    [InlineData(ResizeInterpolation.Lanczos3)]
    public void A_constant_image_stays_constant_with_every_filter(ResizeInterpolation filter)
    {
        Rgba color = new(200, 17, 90, 160);
        foreach ((int width, int height) in new[] { (3, 200), (517, 9), (33, 33), (1, 1), (250, 71) })
        {
            using CudaImage image = CudaImage.Create(47, 31, color, TestBackends.Cpu);
            byte[] output = image.Resize(width, height, ResizeFit.Fill, filter).ToArray();
            for (int i = 0; i < output.Length; i += 4)
            {
                Assert.Equal(color, new Rgba(output[i], output[i + 1], output[i + 2], output[i + 3]));
            }
        }
    }

    [Theory]
    [InlineData(ResizeInterpolation.Bilinear)]
    [InlineData(ResizeInterpolation.Bicubic)]
    [InlineData(ResizeInterpolation.Lanczos3)]
    [InlineData(ResizeInterpolation.Nearest)]
    public void At_scale_1_every_filter_interpolates_each_pixel_exactly(ResizeInterpolation filter)
    {
        // The filters are interpolating: at integer distances they weigh 1 at 0 and 0 elsewhere, so a same-size
        // resample returns every pixel (a fully transparent one as transparent black). Run through the backend,
        // because the operation itself skips a resize to the same size.
        const int width = 61, height = 29;
        byte[] input = RandomImages.Rgba(width, height, seed: 23);
        ResampleTable columns = ResampleWeights.Build(filter, width, width, 1);
        ResampleTable rows = ResampleWeights.Build(filter, height, height, 1);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image =>
        {
            PixelBuffer result = image.AllocateLike(width, height);
            image.Backend.Resize(image.Pixels, width, height, result, width, height, 0, 0, columns, rows, 0);
            image.ReplacePixels(result, width, height);
        }, out _);
        byte[] expected = (byte[])input.Clone();
        for (int i = 0; i < expected.Length; i += 4)
        {
            if (expected[i + 3] == 0)
            {
                expected[i] = expected[i + 1] = expected[i + 2] = 0;
            }
        }

        PixelAssert.Equal(expected, output, width);
    }

    [Theory]
    [InlineData(ResizeFit.Fill)]
    [InlineData(ResizeFit.Contain)]
    [InlineData(ResizeFit.Cover)]
    [InlineData(ResizeFit.Inside)]
    public void A_resize_to_the_same_size_leaves_the_image_untouched(ResizeFit fit)
    {
        byte[] input = RandomImages.Rgba(40, 25, seed: 8);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 40, 25, image => image.Resize(40, 25, fit), out _);
        Assert.Equal(input, output);
    }

    [Theory]
    [InlineData(ResizeInterpolation.Bilinear, 4)]
    [InlineData(ResizeInterpolation.Bicubic, 4)]
    [InlineData(ResizeInterpolation.Lanczos3, 4)]
    [InlineData(ResizeInterpolation.Bicubic, 3)]
    [InlineData(ResizeInterpolation.Lanczos3, 5)]
    public void Shrinking_a_one_pixel_checkerboard_gives_flat_grey_not_moire(ResizeInterpolation filter, int factor)
    {
        const int size = 240;
        byte[] board = new byte[size * size * 4];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                byte v = (x + y) % 2 == 0 ? (byte)255 : (byte)0;
                int i = (y * size + x) * 4;
                board[i] = board[i + 1] = board[i + 2] = v;
                board[i + 3] = 255;
            }
        }

        byte[] output = BackendParity.Run(TestBackends.Cpu, board, size, size, image => image.Resize(size / factor, size / factor, ResizeFit.Fill, filter), out _);
        double mean = Enumerable.Range(0, output.Length / 4).Average(p => (double)output[p * 4]);
        Assert.InRange(mean, 125, 130);
        for (int i = 0; i < output.Length; i += 4)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.True(Math.Abs(output[i + c] - mean) <= 3, $"pixel {i / 4 % (size / factor)},{i / 4 / (size / factor)} is {output[i + c]}, the mean {mean:F1}");
            }

            Assert.Equal(255, output[i + 3]);
        }
    }

    [Fact]
    public void Nearest_shrinking_aliases_the_checkerboard_as_expected_of_no_filtering()
    {
        // The contrast to the test above: nearest picks one source pixel per output pixel, so a 4x reduction of a
        // checkerboard is one of its colours everywhere.
        byte[] board = new byte[16 * 16 * 4];
        for (int i = 0; i < board.Length; i += 4)
        {
            int p = i / 4;
            board[i] = (byte)((p % 16 + p / 16) % 2 == 0 ? 255 : 0);
            board[i + 3] = 255;
        }

        byte[] output = BackendParity.Run(TestBackends.Cpu, board, 16, 16, image => image.Resize(4, 4, ResizeFit.Fill, ResizeInterpolation.Nearest), out _);
        Assert.All(Enumerable.Range(0, 16), p => Assert.Equal(output[0], output[p * 4]));
    }

    [Theory]
    [InlineData(ResizeInterpolation.Bilinear)]
    [InlineData(ResizeInterpolation.Bicubic)]
    [InlineData(ResizeInterpolation.Lanczos3)]
    public void Transparent_pixels_do_not_darken_the_edge(ResizeInterpolation filter)
    {
        // Opaque white beside transparent black, shrunk and enlarged: premultiplied filtering keeps the colour white.
        byte[] input = new byte[64 * 8 * 4];
        for (int p = 0; p < 64 * 8; p++)
        {
            if (p % 64 < 29)
            {
                input[p * 4] = input[p * 4 + 1] = input[p * 4 + 2] = input[p * 4 + 3] = 255;
            }
        }

        foreach (int width in new[] { 9, 17, 150 })
        {
            byte[] output = BackendParity.Run(TestBackends.Cpu, input, 64, 8, image => image.Resize(width, 5, ResizeFit.Fill, filter), out _);
            for (int i = 0; i < output.Length; i += 4)
            {
                if (output[i + 3] > 0)
                {
                    Assert.True(output[i] >= 254 && output[i + 1] >= 254 && output[i + 2] >= 254, $"pixel {i / 4 % width} darkened to {output[i]} at width {width}");
                }
            }
        }
    }

    [Fact]
    public void Nearest_enlarging_repeats_each_source_pixel()
    {
        byte[] input = RandomImages.Opaque(2, 2, seed: 4);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 2, 2, image => image.Resize(6, 6, ResizeFit.Fill, ResizeInterpolation.Nearest), out _);
        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 6; x++)
            {
                Assert.Equal(input.AsSpan(((y / 3) * 2 + x / 3) * 4, 4).ToArray(), output.AsSpan((y * 6 + x) * 4, 4).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(200, 100, 50, null, 50, 25)]
    [InlineData(200, 100, null, 30, 60, 30)]
    [InlineData(101, 37, 10, null, 10, 4)]
    [InlineData(3, 1000, null, 7, 1, 7)]
    public void One_dimension_keeps_the_aspect_ratio(int width, int height, int? newWidth, int? newHeight, int expectedWidth, int expectedHeight)
    {
        using CudaImage image = CudaImage.Create(width, height, Rgba.White, TestBackends.Cpu);
        image.Resize(newWidth, newHeight);
        Assert.Equal((expectedWidth, expectedHeight), (image.Width, image.Height));
    }

    [Theory]
    [InlineData(ResizeFit.Fill, 80, 80, 0, 0, 80, 80)]
    [InlineData(ResizeFit.Contain, 80, 80, 0, 20, 80, 40)]
    [InlineData(ResizeFit.Inside, 80, 40, 0, 0, 80, 40)]
    [InlineData(ResizeFit.Cover, 80, 80, 0, 0, 80, 80)]
    public void Each_fit_lays_out_a_200x100_image_in_an_80x80_box(ResizeFit fit, int width, int height, int x, int y, int contentWidth, int contentHeight)
    {
        ResizeLayout layout = Resize.ToSize(80, 80, fit).Layout(200, 100);
        Assert.Equal((width, height, x, y, contentWidth, contentHeight), (layout.Width, layout.Height, layout.ContentX, layout.ContentY, layout.ContentWidth, layout.ContentHeight));
        if (fit == ResizeFit.Cover)
        {
            Assert.Equal((0.8, 0.8, 50.0, 0.0), (layout.ScaleX, layout.ScaleY, layout.OriginX, layout.OriginY));
        }
    }

    [Fact]
    public void Contain_pads_with_the_background_around_the_centred_image()
    {
        Rgba red = new(255, 0, 0);
        byte[] input = RandomImages.Rgba(200, 100, seed: 31);
        byte[] contained = BackendParity.Run(TestBackends.Cpu, input, 200, 100, image => image.Resize(80, 80, ResizeFit.Contain, background: red), out int width);
        byte[] inside = BackendParity.Run(TestBackends.Cpu, input, 200, 100, image => image.Resize(80, 80, ResizeFit.Inside), out int insideWidth);
        Assert.Equal((80, 80 * 80 * 4, 80, 80 * 40 * 4), (width, contained.Length, insideWidth, inside.Length));
        // The 80x40 content at (0, 20), the same pixels as Inside gives; red above and below.
        for (int y = 0; y < 80; y++)
        {
            for (int x = 0; x < 80; x++)
            {
                byte[] pixel = contained.AsSpan((y * 80 + x) * 4, 4).ToArray();
                if (y is >= 20 and < 60)
                {
                    Assert.Equal(inside.AsSpan(((y - 20) * 80 + x) * 4, 4).ToArray(), pixel);
                }
                else
                {
                    Assert.Equal(red, new Rgba(pixel[0], pixel[1], pixel[2], pixel[3]));
                }
            }
        }
    }

    [Fact]
    public void Contain_centres_horizontally_too()
    {
        using CudaImage image = CudaImage.Create(50, 100, Rgba.White, TestBackends.Cpu);
        byte[] output = image.Resize(60, 40, ResizeFit.Contain, background: Rgba.Black).ToArray();
        Assert.Equal((60, 40), (image.Width, image.Height));
        // The content is 20x40 at x = 20.
        for (int x = 0; x < 60; x++)
        {
            Assert.Equal(x is >= 20 and < 40 ? 255 : 0, output[(10 * 60 + x) * 4]);
        }
    }

    [Theory]
    [InlineData(ResizeInterpolation.Bicubic)]
    [InlineData(ResizeInterpolation.Nearest)]
    public void Cover_is_exactly_the_box_and_centred(ResizeInterpolation filter)
    {
        // A mirror-symmetric image stays mirror-symmetric only if the crop is centred.
        const int width = 120, height = 37;
        byte[] input = RandomImages.Rgba(width, height, seed: 5);
        for (int y = 0; y < height; y++)
        {
            for (int x = width / 2; x < width; x++)
            {
                input.AsSpan((y * width + width - 1 - x) * 4, 4).CopyTo(input.AsSpan((y * width + x) * 4, 4));
            }
        }

        byte[] output = BackendParity.Run(TestBackends.Cpu, input, width, height, image => image.Resize(24, 30, ResizeFit.Cover, filter), out int resultWidth);
        Assert.Equal(24, resultWidth);
        Assert.Equal(24 * 30 * 4, output.Length);
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < 12; x++)
            {
                Assert.Equal(output.AsSpan((y * 24 + x) * 4, 4).ToArray(), output.AsSpan((y * 24 + 23 - x) * 4, 4).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(300, 200, 4000, 1000)]
    [InlineData(300, 200, 100, 100)]
    public void Inside_fits_the_box_keeping_the_aspect_ratio(int width, int height, int boxWidth, int boxHeight)
    {
        using CudaImage image = CudaImage.Create(width, height, Rgba.White, TestBackends.Cpu);
        image.Resize(boxWidth, boxHeight, ResizeFit.Inside);
        Assert.True(image.Width <= boxWidth && image.Height <= boxHeight);
        Assert.True(image.Width == boxWidth || image.Height == boxHeight);
        Assert.InRange(image.Width / (double)image.Height, 1.5 - 0.02, 1.5 + 0.02);
    }

    [Theory]
    [InlineData(ResizeFit.Fill)]
    [InlineData(ResizeFit.Contain)]
    [InlineData(ResizeFit.Cover)]
    [InlineData(ResizeFit.Inside)]
    public void ShrinkOnly_leaves_a_smaller_image_as_it_is(ResizeFit fit)
    {
        byte[] input = RandomImages.Rgba(30, 20, seed: 9);
        byte[] output = BackendParity.Run(TestBackends.Cpu, input, 30, 20, image => image.Resize(64, 48, fit, shrinkOnly: true), out int width);
        Assert.Equal(30, width);
        Assert.Equal(input, output);
        BackendParity.Run(TestBackends.Cpu, input, 30, 20, image => image.Resize(15, 10, fit, shrinkOnly: true), out width);
        Assert.Equal(15, width);
        output = BackendParity.Run(TestBackends.Cpu, input, 30, 20, image => image.ResizeByScale(1.5, shrinkOnly: true), out width);
        Assert.Equal(30, width);
        Assert.Equal(input, output);
    }

    [Theory]
    [InlineData(0.5, 50, 13)]
    [InlineData(2.5, 250, 63)]
    [InlineData(0.0001, 1, 1)]
    public void Scale_multiplies_both_dimensions(double scale, int width, int height)
    {
        using CudaImage image = CudaImage.Create(100, 25, Rgba.White, TestBackends.Cpu);
        image.ResizeByScale(scale);
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void Definitions_refuse_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => Resize.ToSize(null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.ToSize(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.ToSize(10, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.ByScale(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.ByScale(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.ToSize(10, 10, (ResizeFit)17));
    }

    [Fact]
    public void A_result_larger_than_an_image_can_be_is_refused_before_any_work()
    {
        using CudaImage image = CudaImage.Create(1000, 1000, Rgba.White, TestBackends.Cpu);
        ImageOperationException error = Assert.Throws<ImageOperationException>(() => image.ResizeByScale(1000));
        Assert.Equal("ResizeTooLarge", error.ErrorId);
        Assert.Equal((1000, 1000), (image.Width, image.Height));
    }

    public static TheoryData<int, int, int, int, ResizeInterpolation, ResizeFit> ParityCases()
    {
        TheoryData<int, int, int, int, ResizeInterpolation, ResizeFit> cases = new();
        foreach (ResizeInterpolation filter in Filters)
        {
            cases.Add(1, 1, 3, 2, filter, ResizeFit.Fill);
            cases.Add(1, 7, 1, 3, filter, ResizeFit.Fill);
            cases.Add(4097, 3, 1107, 2, filter, ResizeFit.Fill); // 3.7x
            cases.Add(257, 129, 128, 64, filter, ResizeFit.Fill); // about 2x
            cases.Add(127, 61, 301, 150, filter, ResizeFit.Fill); // up
            cases.Add(1021, 769, 276, 208, filter, ResizeFit.Fill); // 3.7x
            cases.Add(333, 97, 100, 100, filter, ResizeFit.Contain);
            cases.Add(333, 97, 100, 100, filter, ResizeFit.Cover);
            cases.Add(97, 333, 41, 60, filter, ResizeFit.Inside);
            cases.Add(40, 1000, 30, 80, filter, ResizeFit.Fill); // 12.5x down: the tiled kernel's 8-row tiles
            cases.Add(5000, 9, 2, 4, filter, ResizeFit.Fill); // 2500x: wider than a tile's window, two passes
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(ParityCases))]
    public void Cuda_resize_equals_the_cpu_reference(int width, int height, int outputWidth, int outputHeight, ResizeInterpolation filter, ResizeFit fit)
    {
        // Bit for bit: both backends sum the same taps in the same order with fused multiply-adds.
        BackendParity.Check(width, height, seed: width + outputWidth, image => image.Resize(outputWidth, outputHeight, fit, filter, new Rgba(10, 200, 30, 128)),
            tolerance: 0);
    }

    /// <summary>resize_tiled runs where a tile's source window fits a block's shared memory; otherwise (a reduction by
    /// more than about 60 times, or little shared memory) the two passes through a float intermediate.</summary>
    [Fact]
    public void The_two_pass_resize_runs_where_no_tile_window_fits_shared_memory()
    {
        const int H200 = 227 * 1024, Small = 8 * 1024;
        foreach ((int source, int output) in new[] { (333, 100), (97, 100), (61, 150), (47, 101) })
        {
            ResampleTable table = ResampleWeights.Build(ResizeInterpolation.Lanczos3, source, output, output / (double)source);
            Assert.NotNull(CudaBackend.PlanTiled(table, table, H200));
            Assert.Null(CudaBackend.PlanTiled(table, table, Small));
        }

        ResampleTable huge = ResampleWeights.Build(ResizeInterpolation.Bicubic, 5000, 2, 2 / 5000.0);
        ResampleTable rows = ResampleWeights.Build(ResizeInterpolation.Bicubic, 9, 4, 4 / 9.0);
        Assert.Null(CudaBackend.PlanTiled(huge, rows, H200));
    }

    /// <summary>The two-pass resize on ordinary sizes, as a backend whose blocks have 8 KB of shared memory runs it.</summary>
    [Fact]
    public void Cuda_two_pass_resize_equals_the_cpu_reference()
    {
        using Backends.IImageBackend cuda = TestBackends.CudaWithSharedMemory(8 * 1024);
        foreach (ResizeInterpolation filter in Filters)
        {
            BackendParity.Check(333, 97, seed: 11, image => image.Resize(100, 100, ResizeFit.Contain, filter, new Rgba(1, 2, 3, 4)), tolerance: 0, cuda: cuda);
            BackendParity.Check(61, 47, seed: 12, image => image.Resize(150, 101, ResizeFit.Fill, filter), tolerance: 0, cuda: cuda);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(64)]
    public void Packed_tiles_hold_the_table_and_a_window_that_covers_every_tile(int tile)
    {
        foreach ((int source, int output, double scale) in new[] { (257, 128, 128 / 257.0), (61, 150, 150 / 61.0), (1000, 80, 0.08), (5, 5, 1.0) })
        {
            ResampleTable table = ResampleWeights.Build(ResizeInterpolation.Lanczos3, source, output, scale, origin: 0.3);
            ResampleTiles tiles = table.Tiles(tile);
            Assert.Same(tiles, table.Tiles(tile));
            Assert.Equal(table.Spans, tiles.Packed[..table.Spans.Length]);
            Assert.Equal(table.Weights, tiles.Packed.AsSpan(table.Spans.Length, table.Weights.Length).ToArray().Select(BitConverter.Int32BitsToSingle));
            int startsAt = table.Spans.Length + table.Weights.Length;
            Assert.Equal((output + tile - 1) / tile, tiles.Packed.Length - startsAt);
            for (int i = 0; i < output; i++)
            {
                int first = tiles.Packed[startsAt + i / tile];
                Assert.InRange(table.Start(i), first, source - 1);
                Assert.InRange(table.Start(i) + table.Count(i), first + 1, first + tiles.Window);
            }
        }
    }

    [Fact]
    public void Repeated_resizes_of_one_geometry_share_tables_equal_to_fresh_ones()
    {
        ResampleTable first = ResizeTables.Get(ResizeInterpolation.Lanczos3, 3840, 1920, 0.5, 0);
        Assert.Same(first, ResizeTables.Get(ResizeInterpolation.Lanczos3, 3840, 1920, 0.5, 0));
        Assert.NotSame(first, ResizeTables.Get(ResizeInterpolation.Bicubic, 3840, 1920, 0.5, 0));
        ResampleTable fresh = ResampleWeights.Build(ResizeInterpolation.Lanczos3, 3840, 1920, 0.5, 0);
        Assert.Equal(fresh.Spans, first.Spans);
        Assert.Equal(fresh.Weights, first.Weights);
    }

    [Theory]
    [InlineData(0.27)]
    [InlineData(0.5)]
    [InlineData(1.7)]
    [InlineData(3)]
    public void Cuda_resize_by_scale_equals_the_cpu_reference(double scale)
    {
        BackendParity.Check(255, 131, seed: (int)(scale * 100), image => image.ResizeByScale(scale, ResizeInterpolation.Lanczos3), tolerance: 0);
    }
}
