using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The resize of <see cref="CpuBackend.Resize"/>, vectorized and laid out for the cache, with the same arithmetic: each
/// horizontal value is the same chain of fused multiply-adds over the same premultiplied source pixels, taps left to
/// right, and each output the same chain over those values, taps top to bottom.
/// </summary>
/// <remarks>
/// Bands of output rows run in parallel. A band keeps the horizontal pass of the source rows it reads in a ring of one
/// row per vertical tap (four planes of floats: <see cref="PlanarPixels"/>), computed when the vertical pass first needs
/// them; the source rows a band shares with its neighbours are computed by both. The horizontal pass takes one pixel a
/// <see cref="Vector128{T}"/> (its four channels), four output pixels at a time so that their sums overlap; every
/// output sums <see cref="ResampleTable.Taps"/> taps, those past its own count with weight 0 over a pixel of zeros, which
/// adds an exact zero to a sum that is never -0 (it starts at +0, and an exact zero sum of two addends is +0 unless
/// both are -0): the same bits as stopping at its count.
/// </remarks>
internal static class VectorResize
{
    public static void Run(CpuPixelBuffer input, int sourceWidth, int sourceHeight, CpuPixelBuffer output, int destinationWidth,
        int destinationHeight, int x, int y, ResampleTable columns, ResampleTable rows, uint background)
    {
        float[] weights = PaddedWeights(columns);
        Layout layout = new(sourceWidth, sourceHeight, destinationWidth, destinationHeight, x, y, columns, rows, background,
            weights, Vector256.IsHardwareAccelerated ? PairedWeights(weights, columns.Length, columns.Taps) : []);
        // A band should read well over the rows it shares with the next one: a few times the vertical taps in source rows.
        double sourceRowsPerOutput = Math.Max(1.0, (double)rows.SourceLength / rows.Length);
        int minBand = (int)Math.Ceiling(4 * rows.Taps / sourceRowsPerOutput);
        TileGrid grid = TileGrid.For(destinationWidth, destinationHeight, destinationWidth, Math.Max(8, minBand));
        grid.ForEach(tile => ResizeBand(input, output, layout, tile.Top, tile.Bottom));
    }

    /// <summary>What every band shares: the geometry, the tables, the column weights with the unused taps 0, and those
    /// weights laid out for <see cref="HorizontalRow"/>'s groups of eight output pixels (<see cref="PairedWeights"/>).</summary>
    private sealed record Layout(int SourceWidth, int SourceHeight, int DestinationWidth, int DestinationHeight, int X, int Y,
        ResampleTable Columns, ResampleTable Rows, uint Background, float[] ColumnWeights, float[] GroupWeights);

    /// <summary>Output pixels per group of the horizontal pass: four pairs, two pixels a <see cref="Vector256{T}"/>.</summary>
    private const int Group = 8;

    private static float[] PaddedWeights(ResampleTable table)
    {
        float[] weights = new float[table.Length * table.Taps];
        for (int i = 0; i < table.Length; i++)
        {
            table.Weights.AsSpan(i * table.Taps, table.Count(i)).CopyTo(weights.AsSpan(i * table.Taps));
        }

        return weights;
    }

    /// <summary>
    /// For each whole group of <see cref="Group"/> output pixels and each tap, the weights of its four pairs, each pair as
    /// eight floats (the first pixel's weight four times, then the second's): what one fused multiply-add of a pair of
    /// pixels takes, in the order the pass reads them.
    /// </summary>
    private static float[] PairedWeights(float[] weights, int width, int taps)
    {
        int groups = width / Group;
        float[] paired = new float[groups * taps * Group * 4];
        for (int g = 0; g < groups; g++)
        {
            for (int k = 0; k < taps; k++)
            {
                Span<float> lanes = paired.AsSpan((g * taps + k) * Group * 4, Group * 4);
                for (int p = 0; p < Group; p++)
                {
                    lanes.Slice(4 * p, 4).Fill(weights[(g * Group + p) * taps + k]);
                }
            }
        }

        return paired;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResizeBand(CpuPixelBuffer input, CpuPixelBuffer output, Layout layout, int top, int bottom)
    {
        ResampleTable columns = layout.Columns;
        ResampleTable rows = layout.Rows;
        int width = columns.Length;
        int plane = RoundUp(width, Vector<float>.Count);
        // The premultiplied source columns that the horizontal pass reads, four floats a pixel, and a tail of zero pixels
        // for the taps past a pixel's count.
        int sourceColumns = columns.End - columns.First;
        int slots = rows.Taps;
        float[] ring = ArrayPool<float>.Shared.Rent(slots * 4 * plane);
        float[] premultiplied = ArrayPool<float>.Shared.Rent(4 * (sourceColumns + columns.Taps));
        int[] rowInSlot = ArrayPool<int>.Shared.Rent(slots);
        int[] slotOfTap = ArrayPool<int>.Shared.Rent(slots);
        try
        {
            rowInSlot.AsSpan(0, slots).Fill(-1);
            premultiplied.AsSpan(4 * sourceColumns, 4 * columns.Taps).Clear();
            long sourceCount = (long)layout.SourceWidth * layout.SourceHeight;
            long destinationCount = (long)layout.DestinationWidth * layout.DestinationHeight;
            CancellationToken cancellation = OperationCancellation.Current;
            for (int dy = top; dy < bottom; dy++)
            {
                cancellation.ThrowIfCancellationRequested();
                Span<uint> target = output.Pixels(destinationCount).Slice(dy * layout.DestinationWidth, layout.DestinationWidth);
                int j = dy - layout.Y;
                if (j < 0 || j >= rows.Length)
                {
                    target.Fill(layout.Background);
                    continue;
                }

                target[..layout.X].Fill(layout.Background);
                target[(layout.X + width)..].Fill(layout.Background);
                int start = rows.Start(j);
                int count = rows.Count(j);
                for (int k = 0; k < count; k++)
                {
                    // The rows one output reads are consecutive and at most `slots`, so their slots differ.
                    int row = start + k;
                    int slot = row % slots;
                    if (rowInSlot[slot] != row)
                    {
                        ReadOnlySpan<uint> source = input.Pixels(sourceCount).Slice(row * layout.SourceWidth + columns.First, sourceColumns);
                        Premultiply(source, premultiplied);
                        HorizontalRow(premultiplied, columns, layout.ColumnWeights, layout.GroupWeights, ring.AsSpan(slot * 4 * plane, 4 * plane));
                        rowInSlot[slot] = row;
                    }

                    slotOfTap[k] = slot;
                }

                VerticalRow(ring, plane, slotOfTap.AsSpan(0, count), rows.Weights.AsSpan(j * rows.Taps, count), target.Slice(layout.X, width));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(premultiplied);
            ArrayPool<int>.Shared.Return(rowInSlot);
            ArrayPool<int>.Shared.Return(slotOfTap);
        }
    }

    /// <summary>The pixels premultiplied, four floats each (R, G, B, A), as <see cref="Premultiplied.FromRgba"/>: two
    /// pixels a <see cref="Vector256{T}"/> where the hardware has it, else one a <see cref="Vector128{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Premultiply(ReadOnlySpan<uint> pixels, float[] premultiplied)
    {
        ref float target = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        ref uint source = ref MemoryMarshal.GetReference(pixels);
        int s = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> alphaLanes = Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle();
            Vector256<float> full = Vector256.Create(255f);
            for (; s + 2 <= pixels.Length; s += 2)
            {
                Vector128<ushort> bytes = Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.As<uint, ulong>(ref Unsafe.Add(ref source, s))).AsByte());
                Vector256<float> straight = Vector256.ConvertToSingle(Vector256.WidenLower(bytes.ToVector256Unsafe()).AsInt32());
                Vector256<float> scale = Vector256.Shuffle(straight, Vector256.Create(3, 3, 3, 3, 7, 7, 7, 7)) / full;
                Vector256.ConditionalSelect(alphaLanes, straight, straight * scale).StoreUnsafe(ref target, (nuint)(4 * s));
            }
        }

        Vector128<float> alphaLane = Vector128.Create(0, 0, 0, -1).AsSingle();
        for (; s < pixels.Length; s++)
        {
            Vector128<uint> channels = Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.Add(ref source, s)).AsByte()));
            Vector128<float> straight = Vector128.ConvertToSingle(channels.AsInt32());
            Vector128<float> scale = Vector128.Shuffle(straight, Vector128.Create(3, 3, 3, 3)) / Vector128.Create(255f);
            Vector128.ConditionalSelect(alphaLane, straight, straight * scale).StoreUnsafe(ref target, (nuint)(4 * s));
        }
    }

    /// <summary>
    /// The horizontal pass of one source row into the four planes of <paramref name="result"/>: each output pixel's taps
    /// summed left to right, all four channels of a pixel in one <see cref="Vector128{T}"/> or half a
    /// <see cref="Vector256{T}"/>. Where <paramref name="groupWeights"/> are given, output pixels go eight at a time, two
    /// a vector, so that four independent sums overlap; the rest one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalRow(float[] premultiplied, ResampleTable columns, float[] weights, float[] groupWeights, Span<float> result)
    {
        int width = columns.Length;
        int taps = columns.Taps;
        int plane = result.Length / 4;
        int first = columns.First;
        ref float source = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        ref int spans = ref MemoryMarshal.GetArrayDataReference(columns.Spans);
        Span<float> red = result[..plane];
        Span<float> green = result.Slice(plane, plane);
        Span<float> blue = result.Slice(2 * plane, plane);
        Span<float> alpha = result.Slice(3 * plane, plane);
        int i = 0;
        if (groupWeights.Length > 0)
        {
            ref float paired = ref MemoryMarshal.GetArrayDataReference(groupWeights);
            for (; i + Group <= width; i += Group)
            {
                // Where each of the eight pixels' taps start, in floats of the premultiplied row.
                ref float p0 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i) - first));
                ref float p1 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i + 2) - first));
                ref float p2 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i + 4) - first));
                ref float p3 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i + 6) - first));
                ref float p4 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i + 8) - first));
                ref float p5 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i + 10) - first));
                ref float p6 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i + 12) - first));
                ref float p7 = ref Unsafe.Add(ref source, 4 * (Unsafe.Add(ref spans, 2 * i + 14) - first));
                ref float w = ref Unsafe.Add(ref paired, i * taps * 4);
                Vector256<float> s01 = Vector256<float>.Zero, s23 = Vector256<float>.Zero, s45 = Vector256<float>.Zero, s67 = Vector256<float>.Zero;
                for (int k = 0; k < taps; k++)
                {
                    nuint tap = (nuint)(4 * k);
                    ref float wk = ref Unsafe.Add(ref w, k * Group * 4);
                    s01 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref wk), Pair(ref p0, ref p1, tap), s01);
                    s23 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref wk, 8), Pair(ref p2, ref p3, tap), s23);
                    s45 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref wk, 16), Pair(ref p4, ref p5, tap), s45);
                    s67 = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref wk, 24), Pair(ref p6, ref p7, tap), s67);
                }

                Scatter(s01.GetLower(), i, red, green, blue, alpha);
                Scatter(s01.GetUpper(), i + 1, red, green, blue, alpha);
                Scatter(s23.GetLower(), i + 2, red, green, blue, alpha);
                Scatter(s23.GetUpper(), i + 3, red, green, blue, alpha);
                Scatter(s45.GetLower(), i + 4, red, green, blue, alpha);
                Scatter(s45.GetUpper(), i + 5, red, green, blue, alpha);
                Scatter(s67.GetLower(), i + 6, red, green, blue, alpha);
                Scatter(s67.GetUpper(), i + 7, red, green, blue, alpha);
            }
        }

        for (; i < width; i++)
        {
            ref float p = ref Unsafe.Add(ref source, 4 * (columns.Start(i) - first));
            Vector128<float> sum = Vector128<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                sum = VectorMath.MultiplyAdd(Vector128.Create(weights[i * taps + k]), Vector128.LoadUnsafe(ref p, (nuint)(4 * k)), sum);
            }

            Scatter(sum, i, red, green, blue, alpha);
        }
    }

    /// <summary>Tap <paramref name="tap"/> (in floats) of two pixels' windows, one in each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pair(ref float first, ref float second, nuint tap) =>
        Vector256.Create(Vector128.LoadUnsafe(ref first, tap), Vector128.LoadUnsafe(ref second, tap));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter(Vector128<float> pixel, int i, Span<float> red, Span<float> green, Span<float> blue, Span<float> alpha)
    {
        red[i] = pixel.GetElement(0);
        green[i] = pixel.GetElement(1);
        blue[i] = pixel.GetElement(2);
        alpha[i] = pixel.GetElement(3);
    }

    /// <summary>One output row: for each column the taps summed top to bottom over the ring rows in
    /// <paramref name="slots"/>, then back to straight RGBA8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalRow(float[] ring, int plane, ReadOnlySpan<int> slots, ReadOnlySpan<float> weights, Span<uint> target)
    {
        int lanes = Vector<float>.Count;
        ref float rows = ref MemoryMarshal.GetArrayDataReference(ring);
        ref uint output = ref MemoryMarshal.GetReference(target);
        Span<uint> tail = stackalloc uint[lanes];
        for (int x = 0; x < target.Length; x += lanes)
        {
            Vector<float> r = Vector<float>.Zero, g = Vector<float>.Zero, b = Vector<float>.Zero, a = Vector<float>.Zero;
            for (int k = 0; k < slots.Length; k++)
            {
                Vector<float> weight = new(weights[k]);
                ref float at = ref Unsafe.Add(ref rows, slots[k] * 4 * plane + x);
                r = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at), r);
                g = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)plane), g);
                b = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(2 * plane)), b);
                a = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(3 * plane)), a);
            }

            Vector<uint> pixels = PlanarPixels.ToRgba(r, g, b, a);
            if (x + lanes <= target.Length)
            {
                pixels.StoreUnsafe(ref output, (nuint)x);
            }
            else
            {
                pixels.CopyTo(tail);
                tail[..(target.Length - x)].CopyTo(target[x..]);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
