using PhotoFF.Backends;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Reliability;

/// <summary>Join reduces each image as it arrives and still makes the grid it made when it kept every input (issue 6,
/// item 6).</summary>
public sealed class JoinBuilderTests
{
    private static readonly (int Width, int Height)[] Sizes = [(40, 20), (9, 30), (13, 13), (5, 2), (31, 17)];

    public static TheoryData<int?, int?, ResizeFit?> Grids => new()
    {
        { 16, 12, ResizeFit.Contain },
        { 16, 12, ResizeFit.Cover },
        { 16, 12, ResizeFit.Fill },
        { 16, 12, ResizeFit.Inside },
        { 12, null, null },
        { 12, null, ResizeFit.Inside },
        { 12, null, ResizeFit.Cover },
        { null, 10, null },
        { null, 10, ResizeFit.Fill },
        { null, null, null },
        { null, null, ResizeFit.Contain },
    };

    [Theory]
    [MemberData(nameof(Grids))]
    public void The_streamed_grid_equals_the_grid_of_every_input_fitted_at_the_end(int? cellWidth, int? cellHeight, ResizeFit? fit)
    {
        Join grid = new(columns: 2, spacing: 1, background: new Rgba(1, 2, 3, 200), cellWidth: cellWidth, cellHeight: cellHeight, fit: fit);
        byte[][] pixels = Sizes.Select((s, i) => RandomImages.Rgba(s.Width, s.Height, seed: 70 + i)).ToArray();
        CudaImage[] inputs = pixels.Select((p, i) => CudaImage.FromPixels(p, Sizes[i].Width, Sizes[i].Height, TestBackends.Cpu)).ToArray();
        try
        {
            using CudaImage expected = KeepEverythingThenFit(grid, inputs);
            using JoinBuilder builder = new(grid, disposeInputs: false);
            foreach (CudaImage input in inputs)
            {
                builder.Add(input);
            }

            using CudaImage streamed = builder.Build();

            Assert.Equal((expected.Width, expected.Height), (streamed.Width, streamed.Height));
            PixelAssert.Equal(expected.ToArray(), streamed.ToArray(), expected.Width);
            Assert.All(inputs.Select((input, i) => input.ToArray().SequenceEqual(pixels[i])), Assert.True);
        }
        finally
        {
            Array.ForEach(inputs, input => input.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(Grids))]
    public void On_cuda_the_streamed_grid_equals_the_cpu_one_within_1(int? cellWidth, int? cellHeight, ResizeFit? fit)
    {
        IImageBackend cuda = TestBackends.Cuda;
        Join grid = new(columns: 2, spacing: 1, background: new Rgba(1, 2, 3, 200), cellWidth: cellWidth, cellHeight: cellHeight, fit: fit);
        byte[][] pixels = Sizes.Select((s, i) => RandomImages.Rgba(s.Width, s.Height, seed: 90 + i)).ToArray();

        byte[] Streamed(IImageBackend backend, out int width)
        {
            using JoinBuilder builder = new(grid, disposeInputs: true);
            for (int i = 0; i < Sizes.Length; i++)
            {
                builder.Add(CudaImage.FromPixels(pixels[i], Sizes[i].Width, Sizes[i].Height, backend));
            }

            using CudaImage sheet = builder.Build();
            width = sheet.Width;
            return sheet.ToArray();
        }

        byte[] expected = Streamed(TestBackends.Cpu, out int width);
        PixelAssert.Equal(expected, Streamed(cuda, out _), width, tolerance: 1);
    }

    [Fact]
    public void With_a_cell_size_and_DisposeInputs_each_input_is_freed_as_it_arrives()
    {
        Join grid = new(columns: 3, cellWidth: 8, cellHeight: 8);
        using JoinBuilder builder = new(grid, disposeInputs: true);
        CudaImage first = CudaImage.Create(300, 200, Rgba.Parse("Red"), TestBackends.Cpu);
        CudaImage second = CudaImage.Create(200, 300, Rgba.Parse("Blue"), TestBackends.Cpu);

        builder.Add(first);
        Assert.Equal((8, 8), (first.Width, first.Height));
        builder.Add(second);
        builder.Add(second);
        using CudaImage sheet = builder.Build();

        Assert.True(first.IsDisposed);
        Assert.True(second.IsDisposed);
        Assert.Equal((24, 8), (sheet.Width, sheet.Height));
        uint[] cells = [.. Enumerable.Range(0, 3).Select(i => BitConverter.ToUInt32(sheet.ToArray(), (4 * 24 + i * 8 + 4) * 4))];
        Assert.Equal([Rgba.Parse("Red").Packed, Rgba.Parse("Blue").Packed, Rgba.Parse("Blue").Packed], cells);
    }

    [Fact]
    public void Without_a_cell_size_inputs_are_kept_and_disposed_only_after_the_grid_is_made()
    {
        using CudaImage tile = CudaImage.Create(4, 4, Rgba.Parse("Lime"), TestBackends.Cpu);
        using JoinBuilder builder = new(new Join(columns: 2), disposeInputs: true);
        builder.Add(tile);
        builder.Add(tile);
        Assert.False(tile.IsDisposed);

        using CudaImage sheet = builder.Build();

        Assert.Equal((8, 4), (sheet.Width, sheet.Height));
        Assert.True(tile.IsDisposed);
    }

    /// <summary>The grid as Join-CudaImage made it before it streamed: every input kept, then each copied and fitted.</summary>
    private static CudaImage KeepEverythingThenFit(Join grid, IReadOnlyList<CudaImage> images)
    {
        GridLayout layout = grid.Layout(images.Select(i => (i.Width, i.Height)).ToArray());
        CudaImage sheet = CudaImage.Create(layout.Width, layout.Height, grid.Background, images[0].Backend);
        for (int i = 0; i < images.Count; i++)
        {
            using CudaImage? fitted = grid.Fit is ResizeFit fit
                ? images[i].Clone().Resize(layout.CellWidth, layout.CellHeight, fit, grid.Interpolation, grid.Background)
                : null;
            Join.Place(fitted ?? images[i], sheet, layout.CellOrigin(i), layout);
        }

        return sheet;
    }
}
