using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The Gaussian blur of <see cref="CpuBackend.GaussianBlur"/>, vectorized and laid out for the cache, with the same
/// arithmetic: every horizontal value is the same chain of fused multiply-adds over the same premultiplied inputs, taps
/// left to right, and every output the same chain over those values, taps top to bottom. Only where and when the values
/// are computed changes.
/// </summary>
/// <remarks>
/// The image is cut into tiles: bands of rows across strips of columns. A tile keeps the horizontal pass of the rows it
/// reads in a ring of one row per tap, plus three (four planes of floats: <see cref="PlanarPixels"/>), so a row is
/// blurred horizontally once per tile, when the vertical pass first needs it, and the vertical pass reads the ring from
/// the cache instead of an image-sized intermediate from memory. Strips are as wide as keeps the ring within
/// <see cref="RingBytes"/>; each band recomputes the taps - 1 rows it shares with its neighbours, which the band height
/// keeps small. Tiles run in parallel. The vertical pass makes four output rows at once: they read the same ring rows,
/// a tap apart from each other, so each row loaded feeds four sums, and converts them back to RGBA8 on the same lanes.
/// The sums run on the widest vectors with a fused multiply-add here (<see cref="IFloatLanes{TSelf}"/>: sixteen lanes
/// with AVX-512, where the horizontal pass shifts half its taps out of whole vectors: <see cref="ShiftedConvolution"/>);
/// the conversion of source rows into planes stays on <see cref="Vector{T}"/>. An opaque source row, as every row of a
/// photo is, is converted and summed on three planes: its horizontal alpha is the same chain over the same 255s at every
/// pixel, and so is the vertical alpha of four output rows that read only opaque rows, each computed once
/// (<see cref="OpaqueSum"/>); where a window also reads rows with alpha, the opaque rows' alpha planes are filled with
/// their constant.
/// </remarks>
internal static class VectorGaussianBlur
{
    private const int RingBytes = 256 * 1024;

    /// <summary>Vectors of one plane summed at once by the horizontal pass (<see cref="Convolve{TLanes}"/>).</summary>
    private const int Block = 8;

    /// <summary>Output rows made at once by the vertical pass (<see cref="VerticalRows{TLanes}"/>).</summary>
    private const int RowsAtOnce = 4;

    /// <summary>Floats between the end of one plane's columns and the next plane: a cache line, so that planes and ring
    /// rows do not start at multiples of 4 KB, where the vertical pass's loads would compete for the same cache sets.</summary>
    private const int PlanePadding = 16;

    /// <summary>Blurs with <paramref name="kernel"/>, of at least three taps (the vertical pass starts three rows at a
    /// time; a blur with one tap is the identity, which the scalar path does). <paramref name="wide"/> sums on AVX-512's
    /// sixteen lanes (<see cref="FloatLanes.WideSupported"/>); the result is the same either way.</summary>
    public static void Run(CpuPixelBuffer input, CpuPixelBuffer output, int width, int height, float[] kernel, bool wide)
    {
        if (kernel.Length < 3)
        {
            throw new ArgumentException($"The vectorized blur takes three taps or more, not {kernel.Length}.", nameof(kernel));
        }

        if (wide)
        {
            Run<WideLanes>(input, output, width, height, kernel);
        }
        else
        {
            Run<NarrowLanes>(input, output, width, height, kernel);
        }
    }

    private static void Run<TLanes>(CpuPixelBuffer input, CpuPixelBuffer output, int width, int height, float[] kernel)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        // Strips start at whole blocks of the horizontal pass, which computes whole blocks: only the last strip computes
        // columns it does not store (an even split of 4000 columns into six strips computed 15% more columns than stored).
        int block = Block * TLanes.Count;
        TileGrid grid = TileGrid.For(width, height, StripWidth(width, kernel.Length, block), 2 * kernel.Length, block);
        grid.ForEach(tile => BlurTile<TLanes>(input, output, width, height, kernel, tile));
    }

    /// <summary>Columns per strip: the ring of <paramref name="taps"/> + 3 rows of four float planes within
    /// <see cref="RingBytes"/>, in whole blocks of the horizontal pass.</summary>
    private static int StripWidth(int width, int taps, int block) =>
        Math.Min(width, Math.Max(block, RingBytes / ((taps + RowsAtOnce - 1) * 4 * sizeof(float)) / block * block));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlurTile<TLanes>(CpuPixelBuffer input, CpuPixelBuffer output, int width, int height, float[] kernel, TileGrid.Tile tile)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        int taps = kernel.Length;
        int half = taps / 2;
        int slots = taps + RowsAtOnce - 1;
        // A plane of a ring row covers the strip in whole blocks of the horizontal pass (the columns past the strip are
        // computed and never stored); the source row adds the kernel's reach each side.
        int columns = RoundUp(tile.Width, Block * TLanes.Count);
        int plane = columns + PlanePadding;
        int padded = RoundUp(columns + 2 * half + (typeof(TLanes) == typeof(WideLanes) ? ShiftedConvolution.Overread(taps) : 0), Vector<float>.Count);
        float[] ring = ArrayPool<float>.Shared.Rent(slots * 4 * plane);
        float[] planes = ArrayPool<float>.Shared.Rent(4 * padded);
        uint[] pixels = ArrayPool<uint>.Shared.Rent(padded);
        int[] rowInSlot = ArrayPool<int>.Shared.Rent(slots);
        int[] slotOfTap = ArrayPool<int>.Shared.Rent(slots);
        // Per slot: whether its source row is opaque (its alpha plane then not computed), and whether that alpha plane
        // has been filled since, for a window that also reads rows that are not.
        bool[] opaqueRow = ArrayPool<bool>.Shared.Rent(slots);
        bool[] alphaFilled = ArrayPool<bool>.Shared.Rent(slots);
        try
        {
            rowInSlot.AsSpan(0, slots).Fill(-1);
            long count = (long)width * height;
            float opaqueHorizontal = OpaqueSum(kernel, 255f);
            float opaqueAlpha = OpaqueSum(kernel, opaqueHorizontal);
            // The source columns a row of this tile reads, inside the image: what the prefetch below asks for.
            int firstColumn = Math.Clamp(tile.Left - half, 0, width - 1);
            int readColumns = Math.Min(width, tile.Left - half + padded) - firstColumn;
            CancellationToken cancellation = OperationCancellation.Current;
            for (int y = tile.Top; y < tile.Bottom; y += RowsAtOnce)
            {
                cancellation.ThrowIfCancellationRequested();
                // Output rows y ... y + 3 read rows y - half ... y + 3 + half, clamped: consecutive rows, repeated at the
                // edges, at most `slots` of them, so their slots differ.
                bool opaqueWindow = true;
                for (int i = 0; i < slots; i++)
                {
                    int row = Math.Clamp(y + i - half, 0, height - 1);
                    int slot = row % slots;
                    if (rowInSlot[slot] != row)
                    {
                        ReadOnlySpan<uint> source = input.Pixels(count).Slice(row * width, width);
                        opaqueRow[slot] = HorizontalRow<TLanes>(source, tile.Left - half, pixels.AsSpan(0, padded), planes.AsSpan(0, 4 * padded), kernel,
                            ring.AsSpan(slot * 4 * plane, 4 * plane), columns);
                        alphaFilled[slot] = false;
                        rowInSlot[slot] = row;
                    }

                    opaqueWindow &= opaqueRow[slot];
                    slotOfTap[i] = slot * 4 * plane;
                }

                if (!opaqueWindow)
                {
                    // Every horizontal alpha of an opaque row is the chain over 255s: the plane it would have computed.
                    for (int i = 0; i < slots; i++)
                    {
                        int slot = slotOfTap[i] / (4 * plane);
                        if (opaqueRow[slot] && !alphaFilled[slot])
                        {
                            ring.AsSpan(slotOfTap[i] + 3 * plane, columns).Fill(opaqueHorizontal);
                            alphaFilled[slot] = true;
                        }
                    }
                }

                // The rows the next four output rows add, asked of the cache while these four are summed.
                if (y + RowsAtOnce < tile.Bottom)
                {
                    ReadOnlySpan<uint> all = input.Pixels(count);
                    for (int i = slots; i < slots + RowsAtOnce; i++)
                    {
                        int row = Math.Min(y + i - half, height - 1);
                        Prefetch(all.Slice(row * width + firstColumn, readColumns));
                    }
                }

                Span<uint> image = output.Pixels(count);
                VerticalRows<TLanes>(ring, plane, slotOfTap.AsSpan(0, slots), kernel, tile.Width, opaqueWindow ? opaqueAlpha : null,
                    Row(image, y, width, tile), Row(image, y + 1, width, tile), Row(image, y + 2, width, tile), Row(image, y + 3, width, tile));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(planes);
            ArrayPool<uint>.Shared.Return(pixels);
            ArrayPool<int>.Shared.Return(rowInSlot);
            ArrayPool<int>.Shared.Return(slotOfTap);
            ArrayPool<bool>.Shared.Return(opaqueRow);
            ArrayPool<bool>.Shared.Return(alphaFilled);
        }
    }

    /// <summary>
    /// The horizontal pass of one source row over the strip, into the first <paramref name="columns"/> floats of each of
    /// the four planes of <paramref name="result"/>: the source columns from <paramref name="first"/> on, edges clamped,
    /// premultiplied once, then the taps of each output summed left to right. Returns whether those source pixels are
    /// all opaque; then the alpha plane is left as it was (every value of it would be the chain over 255s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HorizontalRow<TLanes>(ReadOnlySpan<uint> source, int first, Span<uint> pixels, Span<float> planes, float[] kernel, Span<float> result,
        int columns)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        int padded = pixels.Length;
        int plane = result.Length / 4;
        // Read in place where the strip and the kernel's reach lie inside the image; copied with the edges repeated at
        // the image's left and right.
        ReadOnlySpan<uint> row = first >= 0 && first + padded <= source.Length ? source.Slice(first, padded) : Clamped(source, first, pixels);
        Span<float> red = planes[..padded], green = planes.Slice(padded, padded), blue = planes.Slice(2 * padded, padded);
        int channels = 3;
        if (!PlanarPixels.TryFromOpaqueRgba(row, red, green, blue))
        {
            PlanarPixels.FromRgba(row, red, green, blue, planes.Slice(3 * padded, padded));
            channels = 4;
        }

        for (int c = 0; c < channels; c++)
        {
            if (typeof(TLanes) == typeof(WideLanes))
            {
                ShiftedConvolution.Convolve(planes.Slice(c * padded, padded), kernel, result.Slice(c * plane, columns));
            }
            else
            {
                Convolve<TLanes>(planes.Slice(c * padded, padded), kernel, result.Slice(c * plane, columns));
            }
        }

        return channels == 3;
    }

    /// <summary>Asks the cache for the lines of <paramref name="pixels"/>: only a hint.</summary>
    private static unsafe void Prefetch(ReadOnlySpan<uint> pixels)
    {
        if (!Sse.IsSupported || pixels.IsEmpty)
        {
            return;
        }

        ref uint first = ref MemoryMarshal.GetReference(pixels);
        for (int i = 0; i < pixels.Length; i += 16)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref first, i)));
        }
    }

    /// <summary>The source columns from <paramref name="first"/> on, as many as <paramref name="pixels"/> holds, copied
    /// into it with the edge pixels repeated past the edges.</summary>
    private static ReadOnlySpan<uint> Clamped(ReadOnlySpan<uint> source, int first, Span<uint> pixels)
    {
        int width = source.Length;
        int padded = pixels.Length;
        for (int i = 0; i < padded;)
        {
            int column = first + i;
            if (column < 0 || column >= width)
            {
                pixels[i++] = source[Math.Clamp(column, 0, width - 1)];
                continue;
            }

            int run = Math.Min(padded - i, width - column);
            source.Slice(column, run).CopyTo(pixels.Slice(i, run));
            i += run;
        }

        return pixels;
    }

    /// <summary>result[x] = sum over i of kernel[i] x values[x + i], fused multiply-adds in tap order, in blocks of eight
    /// vectors: a fused multiply-add takes four cycles and two can start each cycle, so eight independent sums keep the
    /// units busy where one would wait on itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Convolve<TLanes>(ReadOnlySpan<float> values, float[] kernel, Span<float> result)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        int lanes = TLanes.Count;
        if (values.Length < result.Length + kernel.Length - 1 || result.Length % (Block * lanes) != 0)
        {
            throw new ArgumentException("The values do not cover the kernel's reach over whole blocks.", nameof(values));
        }

        ref float source = ref MemoryMarshal.GetReference(values);
        ref float target = ref MemoryMarshal.GetReference(result);
        for (int x = 0; x < result.Length; x += Block * lanes)
        {
            TLanes s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero;
            TLanes s4 = TLanes.Zero, s5 = TLanes.Zero, s6 = TLanes.Zero, s7 = TLanes.Zero;
            for (int i = 0; i < kernel.Length; i++)
            {
                TLanes weight = TLanes.Broadcast(kernel[i]);
                ref float at = ref Unsafe.Add(ref source, x + i);
                s0 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, 0), s0);
                s1 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)lanes), s1);
                s2 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(2 * lanes)), s2);
                s3 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(3 * lanes)), s3);
                s4 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(4 * lanes)), s4);
                s5 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(5 * lanes)), s5);
                s6 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(6 * lanes)), s6);
                s7 = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(7 * lanes)), s7);
            }

            ref float to = ref Unsafe.Add(ref target, x);
            s0.Store(ref to, 0);
            s1.Store(ref to, (nuint)lanes);
            s2.Store(ref to, (nuint)(2 * lanes));
            s3.Store(ref to, (nuint)(3 * lanes));
            s4.Store(ref to, (nuint)(4 * lanes));
            s5.Store(ref to, (nuint)(5 * lanes));
            s6.Store(ref to, (nuint)(6 * lanes));
            s7.Store(ref to, (nuint)(7 * lanes));
        }
    }

    /// <summary>Row <paramref name="y"/> of the tile in the output, or nothing past the tile's last row.</summary>
    private static Span<uint> Row(Span<uint> image, int y, int width, TileGrid.Tile tile) =>
        y < tile.Bottom ? image.Slice(y * width + tile.Left, tile.Width) : [];

    /// <summary>
    /// The vertical pass of four output rows (those past the tile's end empty): row r sums kernel[i] x ring row
    /// <paramref name="rows"/>[i + r], taps top to bottom; then back to straight RGBA8. <paramref name="rows"/> holds
    /// where each ring row starts; <paramref name="opaqueAlpha"/>, when every ring row read is opaque, is every output's
    /// alpha sum (the alpha planes are not read).
    /// Each plane of two vectors of pixels is summed for the four rows at once
    /// (<see cref="SumPlane{TLanes}"/>), the sums kept in <paramref name="width"/>-independent scratch, then converted on
    /// the same lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void VerticalRows<TLanes>(float[] ring, int plane, ReadOnlySpan<int> rows, float[] kernel, int width, float? opaqueAlpha,
        Span<uint> row0, Span<uint> row1, Span<uint> row2, Span<uint> row3)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        int step = 2 * TLanes.Count;
        ref float data = ref MemoryMarshal.GetArrayDataReference(ring);
        ref int starts = ref MemoryMarshal.GetReference(rows);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(kernel);
        // [channel][row][vector]: what SumPlane leaves for the conversion, each row's two vectors of sums.
        Span<float> sums = stackalloc float[4 * RowsAtOnce * step];
        Span<uint> tail = stackalloc uint[step];
        int channels = 4;
        if (opaqueAlpha is float alpha)
        {
            sums[(3 * RowsAtOnce * step)..].Fill(alpha);
            channels = 3;
        }

        ref float sum = ref MemoryMarshal.GetReference(sums);
        for (int x = 0; x < width; x += step)
        {
            for (int c = 0; c < channels; c++)
            {
                SumPlane<TLanes>(ref Unsafe.Add(ref data, c * plane + x), ref starts, ref weights, kernel.Length, ref Unsafe.Add(ref sum, c * RowsAtOnce * step));
            }

            Store<TLanes>(ref sum, 0, row0, x, tail);
            Store<TLanes>(ref sum, 1, row1, x, tail);
            Store<TLanes>(ref sum, 2, row2, x, tail);
            Store<TLanes>(ref sum, 3, row3, x, tail);
        }
    }

    /// <summary>
    /// One plane of two vectors of pixels for the four rows: every ring row loaded once and added to each row that reads
    /// it, with that row's tap (eight independent sums). Row r's taps come in order, kernel[0] first, as each row's own
    /// sum would have them; the first three and last three ring rows reach fewer than four rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumPlane<TLanes>(ref float plane, ref int starts, ref float weights, int taps, ref float sums)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        TLanes a0 = TLanes.Zero, b0 = TLanes.Zero, a1 = TLanes.Zero, b1 = TLanes.Zero;
        TLanes a2 = TLanes.Zero, b2 = TLanes.Zero, a3 = TLanes.Zero, b3 = TLanes.Zero;
        TLanes u, v;
        Load(ref plane, ref starts, 0, out u, out v);
        Add(TLanes.Broadcast(weights), u, v, ref a0, ref b0);
        Load(ref plane, ref starts, 1, out u, out v);
        Add(TLanes.Broadcast(Unsafe.Add(ref weights, 1)), u, v, ref a0, ref b0);
        Add(TLanes.Broadcast(weights), u, v, ref a1, ref b1);
        Load(ref plane, ref starts, 2, out u, out v);
        Add(TLanes.Broadcast(Unsafe.Add(ref weights, 2)), u, v, ref a0, ref b0);
        Add(TLanes.Broadcast(Unsafe.Add(ref weights, 1)), u, v, ref a1, ref b1);
        Add(TLanes.Broadcast(weights), u, v, ref a2, ref b2);
        for (int t = 3; t < taps; t++)
        {
            Load(ref plane, ref starts, t, out u, out v);
            ref float w = ref Unsafe.Add(ref weights, t);
            Add(TLanes.Broadcast(w), u, v, ref a0, ref b0);
            Add(TLanes.Broadcast(Unsafe.Subtract(ref w, 1)), u, v, ref a1, ref b1);
            Add(TLanes.Broadcast(Unsafe.Subtract(ref w, 2)), u, v, ref a2, ref b2);
            Add(TLanes.Broadcast(Unsafe.Subtract(ref w, 3)), u, v, ref a3, ref b3);
        }

        ref float last = ref Unsafe.Add(ref weights, taps - 1);
        Load(ref plane, ref starts, taps, out u, out v);
        Add(TLanes.Broadcast(last), u, v, ref a1, ref b1);
        Add(TLanes.Broadcast(Unsafe.Subtract(ref last, 1)), u, v, ref a2, ref b2);
        Add(TLanes.Broadcast(Unsafe.Subtract(ref last, 2)), u, v, ref a3, ref b3);
        Load(ref plane, ref starts, taps + 1, out u, out v);
        Add(TLanes.Broadcast(last), u, v, ref a2, ref b2);
        Add(TLanes.Broadcast(Unsafe.Subtract(ref last, 1)), u, v, ref a3, ref b3);
        Load(ref plane, ref starts, taps + 2, out u, out v);
        Add(TLanes.Broadcast(last), u, v, ref a3, ref b3);
        nuint lanes = (nuint)TLanes.Count;
        a0.Store(ref sums, 0);
        b0.Store(ref sums, lanes);
        a1.Store(ref sums, 2 * lanes);
        b1.Store(ref sums, 3 * lanes);
        a2.Store(ref sums, 4 * lanes);
        b2.Store(ref sums, 5 * lanes);
        a3.Store(ref sums, 6 * lanes);
        b3.Store(ref sums, 7 * lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load<TLanes>(ref float plane, ref int starts, int t, out TLanes first, out TLanes second)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        ref float row = ref Unsafe.Add(ref plane, Unsafe.Add(ref starts, t));
        first = TLanes.Load(ref row, 0);
        second = TLanes.Load(ref row, (nuint)TLanes.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<TLanes>(TLanes weight, TLanes first, TLanes second, ref TLanes sumFirst, ref TLanes sumSecond)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        sumFirst = TLanes.MultiplyAdd(weight, first, sumFirst);
        sumSecond = TLanes.MultiplyAdd(weight, second, sumSecond);
    }

    /// <summary>Row <paramref name="r"/>'s two vectors of pixels at <paramref name="x"/> from the plane sums
    /// (<see cref="VerticalRows{TLanes}"/>'s [channel][row][vector]), stored, or the pixels that fit at the end of the row;
    /// nothing for an empty row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TLanes>(ref float sums, int r, Span<uint> row, int x, Span<uint> tail)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        if (row.IsEmpty)
        {
            return;
        }

        nuint lanes = (nuint)TLanes.Count;
        nuint at = 2 * lanes * (nuint)r;
        nuint channel = 2 * lanes * RowsAtOnce;
        bool whole = x + (int)(2 * lanes) <= row.Length;
        ref uint target = ref whole ? ref MemoryMarshal.GetReference(row) : ref MemoryMarshal.GetReference(tail);
        nuint start = whole ? (nuint)x : 0;
        for (nuint k = 0; k < 2 * lanes; k += lanes)
        {
            TLanes.StoreRgba(TLanes.Load(ref sums, at + k), TLanes.Load(ref sums, channel + at + k), TLanes.Load(ref sums, 2 * channel + at + k),
                TLanes.Load(ref sums, 3 * channel + at + k), ref target, start + k);
        }

        if (!whole)
        {
            tail[..(row.Length - x)].CopyTo(row[x..]);
        }
    }

    /// <summary>The chain of fused multiply-adds of the kernel over a value repeated, in tap order: over 255, every
    /// horizontal alpha of an opaque row; over that, every output alpha of a window of opaque rows.</summary>
    private static float OpaqueSum(float[] kernel, float value)
    {
        float sum = 0;
        foreach (float weight in kernel)
        {
            sum = MathF.FusedMultiplyAdd(weight, value, sum);
        }

        return sum;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
