namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Lays images out in a grid, left to right and top to bottom, on a new image filled with a background. Every cell
/// has the same size: the largest image's width and height, or the cell size given. With a <see cref="Fit"/> (the
/// default <see cref="ResizeFit.Contain"/> when a cell size is given), a copy of each image is resized into the cell
/// by that fit; without one, images keep their size. Each image is centred in its cell and copied as it is (not
/// blended: its transparent pixels stay transparent); an image still larger than its cell is cropped around its
/// centre. Cells are <see cref="Spacing"/> pixels apart, with no margin around the grid. The inputs are not changed.
/// </summary>
public sealed record Join
{
    public const int MaxColumns = 65536;

    public const int MaxSpacing = 65536;

    public Join(int? columns = null, int spacing = 0, Rgba? background = null, int? cellWidth = null, int? cellHeight = null,
        ResizeFit? fit = null, ResizeInterpolation interpolation = Resize.DefaultInterpolation)
    {
        if (columns is < 1 or > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"The number of columns is 1 to {MaxColumns}.");
        }

        if (spacing is < 0 or > MaxSpacing)
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, $"The spacing is 0 to {MaxSpacing} pixels.");
        }

        if (cellWidth is < 1 || cellHeight is < 1)
        {
            throw new ArgumentOutOfRangeException(cellWidth is < 1 ? nameof(cellWidth) : nameof(cellHeight), "A cell is at least 1x1 pixels.");
        }

        if (fit is ResizeFit f && !Enum.IsDefined(f))
        {
            throw new ArgumentOutOfRangeException(nameof(fit), fit, "Unknown fit.");
        }

        Columns = columns;
        Fit = fit ?? (cellWidth is null && cellHeight is null ? null : ResizeFit.Contain);
        Interpolation = interpolation;
        Spacing = spacing;
        Background = background ?? Rgba.Transparent;
        CellWidth = cellWidth;
        CellHeight = cellHeight;
    }

    /// <summary>Columns of the grid; null for ceil(sqrt(n)) with n images.</summary>
    public int? Columns { get; }

    /// <summary>Pixels between neighbouring cells.</summary>
    public int Spacing { get; }

    /// <summary>The color of the spacing and of the parts of cells that no image covers.</summary>
    public Rgba Background { get; }

    /// <summary>The width of every cell; null for the widest image's width.</summary>
    public int? CellWidth { get; }

    /// <summary>The height of every cell; null for the tallest image's height.</summary>
    public int? CellHeight { get; }

    /// <summary>How each image is resized into its cell; null to keep the images' sizes.</summary>
    public ResizeFit? Fit { get; }

    /// <summary>The filter of the resize into the cell.</summary>
    public ResizeInterpolation Interpolation { get; }

    /// <summary>The grid for images of these sizes.</summary>
    public GridLayout Layout(IReadOnlyList<(int Width, int Height)> sizes)
    {
        if (sizes.Count == 0)
        {
            throw new ArgumentException("A grid needs at least one image.", nameof(sizes));
        }

        int columns = Columns ?? (int)Math.Ceiling(Math.Sqrt(sizes.Count));
        int rows = (sizes.Count + columns - 1) / columns;
        int cellWidth = CellWidth ?? sizes.Max(s => s.Width);
        int cellHeight = CellHeight ?? sizes.Max(s => s.Height);
        long width = (long)columns * cellWidth + (long)(columns - 1) * Spacing;
        long height = (long)rows * cellHeight + (long)(rows - 1) * Spacing;
        if (width > int.MaxValue || height > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(sizes), $"A grid of {columns}x{rows} cells of {cellWidth}x{cellHeight} is too large.");
        }

        CudaImage.ValidateSize((int)width, (int)height);
        return new GridLayout(columns, rows, cellWidth, cellHeight, Spacing, (int)width, (int)height);
    }

    /// <summary>A new image holding <paramref name="images"/> in a grid, on the first image's backend; the inputs are
    /// neither changed nor disposed.</summary>
    internal CudaImage Build(IReadOnlyList<CudaImage> images)
    {
        using JoinBuilder builder = new(this, disposeInputs: false);
        foreach (CudaImage image in images)
        {
            builder.Add(image);
        }

        return builder.Build();
    }

    /// <summary>Copies <paramref name="image"/> centred into the cell at <paramref name="origin"/>, cropped around its
    /// centre where it is larger than the cell.</summary>
    internal static void Place(CudaImage image, CudaImage grid, (int X, int Y) origin, GridLayout layout)
    {
        int visibleWidth = Math.Min(image.Width, layout.CellWidth);
        int visibleHeight = Math.Min(image.Height, layout.CellHeight);
        grid.Backend.CopyRegion(image.Pixels, image.Width, image.Height,
            (image.Width - visibleWidth) / 2, (image.Height - visibleHeight) / 2, visibleWidth, visibleHeight,
            grid.Pixels, grid.Width, grid.Height,
            origin.X + (layout.CellWidth - visibleWidth) / 2, origin.Y + (layout.CellHeight - visibleHeight) / 2);
    }
}

/// <summary>The geometry of a grid: cells of one size, <see cref="Spacing"/> apart, filled row by row.</summary>
public readonly record struct GridLayout(int Columns, int Rows, int CellWidth, int CellHeight, int Spacing, int Width, int Height)
{
    /// <summary>The top-left corner of cell <paramref name="index"/> (row-major).</summary>
    public (int X, int Y) CellOrigin(int index) =>
        (index % Columns * (CellWidth + Spacing), index / Columns * (CellHeight + Spacing));
}
