namespace PhotoFF.Backends.Cpu;

/// <summary>
/// An image cut into tiles, bands of rows across strips of columns, for filters that keep per-tile state in the cache
/// (a ring of rows) and recompute what neighbouring tiles share: enough tiles to keep every core busy to the end,
/// as few as that allows.
/// </summary>
internal readonly record struct TileGrid(int Width, int Height, int Strips, int Bands, int StripAlignment)
{
    // Tiles per core: Parallel.For hands them out as cores free up, so a core slowed by other work costs little.
    private const int TilesPerCore = 4;

    // As CpuBackend.ForEachRow: below this many pixels one thread does it all.
    private const long ParallelPixels = 64 * 1024;

    /// <summary>A rectangle of the image: columns [Left, Right), rows [Top, Bottom).</summary>
    public readonly record struct Tile(int Left, int Top, int Right, int Bottom)
    {
        public int Width => Right - Left;
    }

    /// <param name="width">The image's width.</param>
    /// <param name="height">The image's height.</param>
    /// <param name="stripWidth">The widest strip wanted.</param>
    /// <param name="minBandHeight">The shortest band wanted (what a band recomputes of its neighbours' rows should stay
    /// a small share of it).</param>
    /// <param name="stripAlignment">Strips start at multiples of this many columns, at most <paramref name="stripWidth"/>:
    /// a filter that computes whole blocks of columns then computes past a strip only at the image's right edge.</param>
    public static TileGrid For(int width, int height, int stripWidth, int minBandHeight, int stripAlignment = 1)
    {
        int alignment = Math.Clamp(stripAlignment, 1, Math.Max(1, stripWidth));
        int units = (width + alignment - 1) / alignment;
        int strips = Math.Min(units, (width + stripWidth - 1) / Math.Max(1, stripWidth));
        int wanted = (TilesPerCore * Environment.ProcessorCount + strips - 1) / strips;
        int bands = Math.Clamp(wanted, 1, Math.Max(1, height / Math.Max(1, minBandHeight)));
        return new TileGrid(width, height, strips, bands, alignment);
    }

    public int Count => Strips * Bands;

    /// <summary>Tile <paramref name="index"/>: neighbouring indices are neighbouring strips of one band, which read the
    /// same source rows.</summary>
    public Tile this[int index]
    {
        get
        {
            int band = index / Strips;
            int strip = index % Strips;
            return new Tile(Column(strip), Split(Height, Bands, band), Column(strip + 1), Split(Height, Bands, band + 1));
        }
    }

    /// <summary>Where strip <paramref name="strip"/> begins: the image's whole units of <see cref="StripAlignment"/>
    /// columns split evenly, so that every strip has at least one.</summary>
    private int Column(int strip) => Math.Min(Width, Split((Width + StripAlignment - 1) / StripAlignment, Strips, strip) * StripAlignment);

    /// <summary>Runs <paramref name="work"/> for each tile, in parallel for images large enough to pay for it. A
    /// cancellation of the current operation (<see cref="OperationCancellation"/>) stops it between tiles (and the work
    /// itself checks between rows) with <see cref="OperationCanceledException"/>.</summary>
    public void ForEach(Action<Tile> work)
    {
        TileGrid grid = this;
        CancellationToken cancellation = OperationCancellation.Current;
        if (Count == 1 || (long)Width * Height < ParallelPixels)
        {
            for (int i = 0; i < Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                work(grid[i]);
            }
        }
        else
        {
            Parallel.For(0, Count, new ParallelOptions { CancellationToken = cancellation }, i => work(grid[i]));
        }
    }

    /// <summary>Where part <paramref name="part"/> of <paramref name="parts"/> even parts of <paramref name="length"/> begins.</summary>
    private static int Split(int length, int parts, int part) => (int)((long)length * part / parts);
}
