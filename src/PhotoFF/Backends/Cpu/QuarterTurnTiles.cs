using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// A rotation by a quarter turn eight by eight pixels at a time (AVX2): eight source rows loaded as eight vectors,
/// transposed in registers so that each vector holds a source column, and stored as eight output rows, so that every
/// load and store moves eight pixels where a pixel-by-pixel copy moves one and reads a column.
/// </summary>
internal static class QuarterTurnTiles
{
    public const int Side = 8;

    /// <summary>How far below the tile in work (in output rows: source columns) <see cref="Prefetch"/> reaches: a cache
    /// line further along the same source rows. A scratch benchmark of the loops on one core (12 MP, best of nine) put 16
    /// here at 6.8-9.9 ms on the GPU machine's Xeon against 10.4-12.5 for 32 (32 into the second-level cache: 7.8-9.0),
    /// and 5.4-6.2 against 5.0-5.5 on the development machine's EPYC.</summary>
    public const int PrefetchRows = 16;

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// Output pixels (<paramref name="x"/>.. + 7, <paramref name="y"/>.. + 7) of <paramref name="source"/>
    /// (<paramref name="width"/> x <paramref name="height"/>) turned a quarter clockwise (<paramref name="clockwise"/>) or
    /// counterclockwise into <paramref name="target"/> (<paramref name="height"/> pixels a row), as
    /// <see cref="CpuBackend.RotateQuarterTurns"/> maps them: clockwise, output (x, y) is source (y, height - 1 - x);
    /// counterclockwise, source (width - 1 - y, x). The tile lies inside the output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ReadOnlySpan<uint> source, int width, int height, Span<uint> target, int x, int y, bool clockwise)
    {
        if (!Inside(source, width, height, x, y) || target.Length < width * height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"An {Side}x{Side} tile at ({x}, {y}) is not inside a {height}x{width} output.");
        }

        ref uint from = ref FirstSourcePixel(source, width, height, x, y, clockwise);
        Vector256<int> r0 = Load(ref from, 0, width), r1 = Load(ref from, 1, width), r2 = Load(ref from, 2, width), r3 = Load(ref from, 3, width);
        Vector256<int> r4 = Load(ref from, 4, width), r5 = Load(ref from, 5, width), r6 = Load(ref from, 6, width), r7 = Load(ref from, 7, width);

        Vector256<int> t0 = Avx2.UnpackLow(r0, r1), t1 = Avx2.UnpackHigh(r0, r1), t2 = Avx2.UnpackLow(r2, r3), t3 = Avx2.UnpackHigh(r2, r3);
        Vector256<int> t4 = Avx2.UnpackLow(r4, r5), t5 = Avx2.UnpackHigh(r4, r5), t6 = Avx2.UnpackLow(r6, r7), t7 = Avx2.UnpackHigh(r6, r7);
        Vector256<int> u0 = Pairs(t0, t2, low: true), u1 = Pairs(t0, t2, low: false), u2 = Pairs(t1, t3, low: true), u3 = Pairs(t1, t3, low: false);
        Vector256<int> u4 = Pairs(t4, t6, low: true), u5 = Pairs(t4, t6, low: false), u6 = Pairs(t5, t7, low: true), u7 = Pairs(t5, t7, low: false);

        // Column j of the eight source rows, top to bottom.
        ref uint to = ref Unsafe.Add(ref MemoryMarshal.GetReference(target), y * height + x);
        Store(ref to, height, clockwise, 0, Avx2.Permute2x128(u0, u4, 0x20));
        Store(ref to, height, clockwise, 1, Avx2.Permute2x128(u1, u5, 0x20));
        Store(ref to, height, clockwise, 2, Avx2.Permute2x128(u2, u6, 0x20));
        Store(ref to, height, clockwise, 3, Avx2.Permute2x128(u3, u7, 0x20));
        Store(ref to, height, clockwise, 4, Avx2.Permute2x128(u0, u4, 0x31));
        Store(ref to, height, clockwise, 5, Avx2.Permute2x128(u1, u5, 0x31));
        Store(ref to, height, clockwise, 6, Avx2.Permute2x128(u2, u6, 0x31));
        Store(ref to, height, clockwise, 7, Avx2.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>
    /// Asks the cache for the source lines that the tile at output (<paramref name="x"/>, <paramref name="y"/>) reads, if
    /// that tile lies inside the output. A block's tiles read a line from each of 256 source rows, every row on a page of
    /// its own, which the hardware prefetchers do not follow; fetching the lines <see cref="PrefetchRows"/> output rows
    /// ahead while this band works took one core's rotation of 12 MP from 10.2-14.8 to 7.9-9.1 ms on the development
    /// machine. Only a hint: what the tile reads does not change.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(ReadOnlySpan<uint> source, int width, int height, int x, int y, bool clockwise)
    {
        if (!Inside(source, width, height, x, y))
        {
            return;
        }

        ref uint from = ref FirstSourcePixel(source, width, height, x, y, clockwise);
        for (int row = 0; row < Side; row++)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref from, row * width)));
        }
    }

    /// <summary>Whether the tile at output (<paramref name="x"/>, <paramref name="y"/>) lies inside the output of a
    /// <paramref name="source"/> of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Inside(ReadOnlySpan<uint> source, int width, int height, int x, int y) =>
        (uint)x <= (uint)(height - Side) && (uint)y <= (uint)(width - Side) && source.Length >= width * height;

    /// <summary>The top-left source pixel of the tile at output (<paramref name="x"/>, <paramref name="y"/>), the first of
    /// its eight rows of eight: clockwise, the tile reads source rows height - 8 - x ... height - 1 - x at columns
    /// y ... y + 7; counterclockwise, rows x ... x + 7 at columns width - 8 - y ... width - 1 - y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint FirstSourcePixel(ReadOnlySpan<uint> source, int width, int height, int x, int y, bool clockwise)
    {
        int firstRow = clockwise ? height - Side - x : x;
        int firstColumn = clockwise ? y : width - Side - y;
        return ref Unsafe.Add(ref MemoryMarshal.GetReference(source), firstRow * width + firstColumn);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref uint from, int row, int width) => Vector256.LoadUnsafe(ref from, (nuint)(row * width)).AsInt32();

    /// <summary>The low (or high) 64-bit halves of each 128-bit lane of <paramref name="a"/> and <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Pairs(Vector256<int> a, Vector256<int> b, bool low) =>
        (low ? Avx2.UnpackLow(a.AsInt64(), b.AsInt64()) : Avx2.UnpackHigh(a.AsInt64(), b.AsInt64())).AsInt32();

    /// <summary>Source column <paramref name="j"/> of the tile as an output row: clockwise, output row j with the column
    /// reversed (the bottom source row comes first); counterclockwise, output row 7 - j as it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref uint to, int stride, bool clockwise, int j, Vector256<int> column)
    {
        if (clockwise)
        {
            Avx2.PermuteVar8x32(column, Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0)).AsUInt32().StoreUnsafe(ref to, (nuint)(j * stride));
        }
        else
        {
            column.AsUInt32().StoreUnsafe(ref to, (nuint)((Side - 1 - j) * stride));
        }
    }
}
