namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Builds a <see cref="Join"/> grid from images that arrive one at a time, keeping as little of each as the grid
/// needs, so that memory is bounded by the grid rather than by the inputs:
/// <list type="bullet">
/// <item>With both cell sides given, each image is resized into its cell when it arrives; only the cell is kept.</item>
/// <item>With one side given and the Contain or Inside fit (the default), an image larger than that side is reduced to
/// it when it arrives: exactly what the final fit would make of it, since the other side of the cell (the largest
/// image's) cannot be smaller than this image's. Images within that side are kept as they are (each is no larger than
/// its cell). With Fill or Cover, images are kept as they are until the end.</item>
/// <item>With no cell size, images are kept as they are: every cell is as large as the largest image, so the grid
/// has room for all of them anyway.</item>
/// </list>
/// Kept images that the builder made (the reduced ones) are its own; the inputs are disposed once the builder no longer
/// needs them when <see cref="DisposeInputs"/> is set, and never otherwise.
/// </summary>
internal sealed class JoinBuilder : IDisposable
{
    private readonly Join grid;
    private readonly List<Cell> cells = [];
    private readonly HashSet<CudaImage> reducedInPlace = new(ReferenceEqualityComparer.Instance);

    public JoinBuilder(Join grid, bool disposeInputs)
    {
        this.grid = grid ?? throw new ArgumentNullException(nameof(grid));
        DisposeInputs = disposeInputs;
    }

    public bool DisposeInputs { get; }

    /// <summary>Images added so far.</summary>
    public int Count => cells.Count;

    /// <summary>Takes the next image of the grid (row by row). The input itself is not changed.</summary>
    public void Add(CudaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(image.IsDisposed, image);
        (int width, int height) = (image.Width, image.Height);
        if (ReducedBox(width, height) is not { } box)
        {
            cells.Add(new Cell(image, width, height, Owned: false, Fitted: false));
            return;
        }

        // An input the builder may dispose is resized in place instead of copied first (unless it came twice).
        CudaImage reduced = DisposeInputs && reducedInPlace.Add(image) ? image : image.Clone();
        try
        {
            reduced.Resize(box.Width, box.Height, box.Fit, grid.Interpolation, grid.Background);
        }
        catch
        {
            if (!ReferenceEquals(reduced, image))
            {
                reduced.Dispose();
            }

            throw;
        }

        cells.Add(new Cell(reduced, width, height, Owned: true, Fitted: true));
    }

    /// <summary>
    /// The grid of every image added, on the first image's backend. Each reduced copy is disposed as soon as it is
    /// placed, so the peak is the grid plus what is still waiting to be placed; inputs kept as they are are disposed at
    /// the end when <see cref="DisposeInputs"/> is set (an input may fill more than one cell).
    /// </summary>
    public CudaImage Build()
    {
        if (cells.Count == 0)
        {
            throw new InvalidOperationException("A grid needs at least one image.");
        }

        return ImageOperations.Run(cells[0].Image.Backend, BuildSheet);
    }

    private CudaImage BuildSheet()
    {
        GridLayout layout = grid.Layout(cells.Select(c => (c.Width, c.Height)).ToArray());
        var backend = cells[0].Image.Backend;
        CudaImage sheet = CudaImage.Create(layout.Width, layout.Height, grid.Background, backend);
        try
        {
            for (int i = 0; i < cells.Count; i++)
            {
                Cell cell = cells[i];
                using CudaImage? transferred = ReferenceEquals(cell.Image.Backend, backend)
                    ? null
                    : CudaImage.FromPixels(cell.Image.ToArray(), cell.Image.Width, cell.Image.Height, backend);
                using CudaImage? fitted = !cell.Fitted && grid.Fit is ResizeFit fit ? FitIntoCell(transferred ?? cell.Image, fit, layout) : null;
                Join.Place(fitted ?? transferred ?? cell.Image, sheet, layout.CellOrigin(i), layout);
                if (cell.Owned)
                {
                    // A reduced copy is used once: free it now, so that the peak is the grid plus what is still waiting.
                    cell.Image.Dispose();
                    cells[i] = cell with { Image = null! };
                }
            }
        }
        catch
        {
            sheet.Dispose();
            throw;
        }
        finally
        {
            Dispose();
        }

        return sheet;
    }

    /// <summary>Lets go of every kept image: those the builder made, and the inputs when <see cref="DisposeInputs"/>.</summary>
    public void Dispose()
    {
        foreach (Cell cell in cells)
        {
            Release(cell);
        }

        cells.Clear();
        reducedInPlace.Clear();
    }

    private void Release(Cell cell)
    {
        if (cell.Image is not null && (cell.Owned || DisposeInputs))
        {
            cell.Image.Dispose();
        }
    }

    /// <summary>The box an arriving image of <paramref name="width"/> x <paramref name="height"/> is reduced into now,
    /// with the fit that makes the same pixels as the final one; null when it is kept as it is.</summary>
    private (int Width, int Height, ResizeFit Fit)? ReducedBox(int width, int height)
    {
        if (grid.Fit is not ResizeFit fit)
        {
            return null;
        }

        if (grid.CellWidth is int cellWidth && grid.CellHeight is int cellHeight)
        {
            return (cellWidth, cellHeight, fit);
        }

        if (fit is not (ResizeFit.Contain or ResizeFit.Inside))
        {
            return null;
        }

        // One side given: the other side of the cell is the largest image's, at least this image's, so the final
        // fit scales by the given side alone when the image exceeds it; Inside within the image's own other side
        // makes exactly that content, and placing it centred adds the same padding as Contain.
        if (grid.CellWidth is int onlyWidth && width > onlyWidth)
        {
            return (onlyWidth, height, ResizeFit.Inside);
        }

        if (grid.CellHeight is int onlyHeight && height > onlyHeight)
        {
            return (width, onlyHeight, ResizeFit.Inside);
        }

        return null;
    }

    /// <summary>A copy of <paramref name="image"/> resized into a cell by <paramref name="fit"/>.</summary>
    private CudaImage FitIntoCell(CudaImage image, ResizeFit fit, GridLayout layout)
    {
        CudaImage copy = image.Clone();
        try
        {
            return copy.Resize(layout.CellWidth, layout.CellHeight, fit, grid.Interpolation, grid.Background);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>One kept image: an input, or a reduced copy (<see cref="Owned"/>) already fitted to its cell; the
    /// size is the input's, which the layout is computed from.</summary>
    private readonly record struct Cell(CudaImage Image, int Width, int Height, bool Owned, bool Fitted);
}
