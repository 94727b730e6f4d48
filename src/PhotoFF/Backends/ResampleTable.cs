using System.Runtime.InteropServices;

namespace PhotoFF.Backends;

/// <summary>
/// The filter taps of one axis of a resize, computed on the host so that both backends sum the same float weights in
/// the same order: output pixel <c>i</c> is the sum over <c>k</c> &lt; <see cref="Count"/>(i) of
/// <c>Weights[i * Taps + k]</c> times source pixel <see cref="Start"/>(i) + k.
/// </summary>
internal sealed class ResampleTable
{
    /// <param name="sourceLength">Pixels along the axis of the source.</param>
    /// <param name="spans">For each output pixel, its first source pixel and its number of taps (pairs, 2 x outputs).</param>
    /// <param name="weights">For each output pixel, <paramref name="taps"/> weights; those past its count are unused.</param>
    /// <param name="taps">The largest number of taps of any output pixel: the row length of <paramref name="weights"/>.</param>
    public ResampleTable(int sourceLength, int[] spans, float[] weights, int taps)
    {
        if (sourceLength < 1 || taps < 1 || spans.Length < 2 || spans.Length % 2 != 0 || weights.Length != spans.Length / 2 * (long)taps)
        {
            throw new ArgumentException($"A resample table of {spans.Length / 2} outputs with {taps} taps needs {spans.Length / 2 * (long)taps} weights, not {weights.Length}.");
        }

        int first = int.MaxValue;
        int end = 0;
        for (int i = 0; i < spans.Length; i += 2)
        {
            int start = spans[i];
            int count = spans[i + 1];
            if (start < 0 || count < 1 || count > taps || start > sourceLength - count)
            {
                throw new ArgumentOutOfRangeException(nameof(spans), $"Output {i / 2} reads {count} taps from {start}, outside 0..{sourceLength - 1}.");
            }

            first = Math.Min(first, start);
            end = Math.Max(end, start + count);
        }

        SourceLength = sourceLength;
        Spans = spans;
        Weights = weights;
        Taps = taps;
        First = first;
        End = end;
    }

    public int SourceLength { get; }

    /// <summary>Output pixels along the axis.</summary>
    public int Length => Spans.Length / 2;

    public int Taps { get; }

    /// <summary>(start, count) per output pixel.</summary>
    public int[] Spans { get; }

    /// <summary><see cref="Taps"/> weights per output pixel.</summary>
    public float[] Weights { get; }

    /// <summary>The first source pixel any output reads.</summary>
    public int First { get; }

    /// <summary>One past the last source pixel any output reads.</summary>
    public int End { get; }

    public int Start(int output) => Spans[2 * output];

    private readonly Dictionary<int, ResampleTiles> tiles = [];

    /// <summary>
    /// The table as one array for a backend to upload, for outputs taken <paramref name="tile"/> at a time: the
    /// spans (2 per output), the weights (<see cref="Taps"/> per output, as float bits), then each tile's first
    /// source pixel; with the longest source window any tile reads. Computed once per tile size (tables are shared
    /// by repeated resizes of one geometry); the array must not be changed.
    /// </summary>
    public ResampleTiles Tiles(int tile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tile, 1);
        lock (tiles)
        {
            if (tiles.TryGetValue(tile, out ResampleTiles? known))
            {
                return known;
            }
        }

        int outputs = Length;
        int count = (outputs + tile - 1) / tile;
        int startsAt = Spans.Length + Weights.Length;
        int[] packed = new int[startsAt + count];
        Spans.CopyTo(packed, 0);
        MemoryMarshal.Cast<float, int>(Weights.AsSpan()).CopyTo(packed.AsSpan(Spans.Length));
        int window = 1;
        for (int t = 0; t < count; t++)
        {
            int first = int.MaxValue;
            int end = 0;
            for (int i = t * tile; i < Math.Min(outputs, (t + 1) * tile); i++)
            {
                first = Math.Min(first, Start(i));
                end = Math.Max(end, Start(i) + Count(i));
            }

            packed[startsAt + t] = first;
            window = Math.Max(window, end - first);
        }

        ResampleTiles result = new(packed, window);
        lock (tiles)
        {
            tiles.TryAdd(tile, result);
            return tiles[tile];
        }
    }

    public int Count(int output) => Spans[2 * output + 1];

    /// <summary>Checks that <paramref name="columns"/> and <paramref name="rows"/> read a source of this size and
    /// that their output fits the destination at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void CheckResize(int sourceWidth, int sourceHeight, int destinationWidth, int destinationHeight, int x, int y,
        ResampleTable columns, ResampleTable rows)
    {
        if (columns.SourceLength != sourceWidth || rows.SourceLength != sourceHeight)
        {
            throw new ArgumentException($"The tables resample {columns.SourceLength}x{rows.SourceLength} pixels, not {sourceWidth}x{sourceHeight}.");
        }

        if (x < 0 || y < 0 || x > destinationWidth - columns.Length || y > destinationHeight - rows.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(x),
                $"A {columns.Length}x{rows.Length} result at ({x}, {y}) does not fit a {destinationWidth}x{destinationHeight} destination.");
        }
    }
}

/// <summary>A <see cref="ResampleTable"/> packed for upload (<see cref="ResampleTable.Tiles"/>): spans, weight bits
/// and each tile's first source pixel; <paramref name="Window"/> source pixels cover any tile's taps.</summary>
internal sealed record ResampleTiles(int[] Packed, int Window);
