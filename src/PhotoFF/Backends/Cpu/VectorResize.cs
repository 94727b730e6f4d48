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
        Layout layout = new(sourceWidth, sourceHeight, destinationWidth, destinationHeight, x, y, columns, rows, background,
            PaddedWeights(columns));
        // A band should read well over the rows it shares with the next one: a few times the vertical taps in source rows.
        double sourceRowsPerOutput = Math.Max(1.0, (double)rows.SourceLength / rows.Length);
        int minBand = (int)Math.Ceiling(4 * rows.Taps / sourceRowsPerOutput);
        TileGrid grid = TileGrid.For(destinationWidth, destinationHeight, destinationWidth, Math.Max(8, minBand));
        grid.ForEach(tile => ResizeBand(input, output, layout, tile.Top, tile.Bottom));
    }

    /// <summary>What every band shares: the geometry, the tables, and the column weights with the unused taps 0.</summary>
    private sealed record Layout(int SourceWidth, int SourceHeight, int DestinationWidth, int DestinationHeight, int X, int Y,
        ResampleTable Columns, ResampleTable Rows, uint Background, float[] ColumnWeights);

    private static float[] PaddedWeights(ResampleTable table)
    {
        float[] weights = new float[table.Length * table.Taps];
        for (int i = 0; i < table.Length; i++)
        {
            table.Weights.AsSpan(i * table.Taps, table.Count(i)).CopyTo(weights.AsSpan(i * table.Taps));
        }

        return weights;
    }

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
            for (int dy = top; dy < bottom; dy++)
            {
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
                        HorizontalRow(premultiplied, columns, layout.ColumnWeights, ring.AsSpan(slot * 4 * plane, 4 * plane));
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

    /// <summary>The pixels premultiplied, four floats each (R, G, B, A), as <see cref="Premultiplied.FromRgba"/>.</summary>
    private static void Premultiply(ReadOnlySpan<uint> pixels, float[] premultiplied)
    {
        ref float target = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        Vector128<float> alphaLane = Vector128.Create(0, 0, 0, -1).AsSingle();
        Vector128<float> full = Vector128.Create(255f);
        for (int s = 0; s < pixels.Length; s++)
        {
            Vector128<uint> channels = Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(pixels[s]).AsByte()));
            Vector128<float> straight = Vector128.ConvertToSingle(channels.AsInt32());
            Vector128<float> scale = Vector128.Shuffle(straight, Vector128.Create(3, 3, 3, 3)) / full;
            Vector128.ConditionalSelect(alphaLane, straight, straight * scale).StoreUnsafe(ref target, (nuint)(4 * s));
        }
    }

    /// <summary>
    /// The horizontal pass of one source row into the four planes of <paramref name="result"/>: each output pixel's taps
    /// summed left to right, all four channels in one <see cref="Vector128{T}"/>, four output pixels at a time.
    /// </summary>
    private static void HorizontalRow(float[] premultiplied, ResampleTable columns, float[] weights, Span<float> result)
    {
        int width = columns.Length;
        int taps = columns.Taps;
        int plane = result.Length / 4;
        int first = columns.First;
        ref float source = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        ref float weight = ref MemoryMarshal.GetArrayDataReference(weights);
        Span<float> red = result[..plane];
        Span<float> green = result.Slice(plane, plane);
        Span<float> blue = result.Slice(2 * plane, plane);
        Span<float> alpha = result.Slice(3 * plane, plane);
        int i = 0;
        for (; i + 4 <= width; i += 4)
        {
            ref float p0 = ref Unsafe.Add(ref source, 4 * (columns.Start(i) - first));
            ref float p1 = ref Unsafe.Add(ref source, 4 * (columns.Start(i + 1) - first));
            ref float p2 = ref Unsafe.Add(ref source, 4 * (columns.Start(i + 2) - first));
            ref float p3 = ref Unsafe.Add(ref source, 4 * (columns.Start(i + 3) - first));
            ref float w = ref Unsafe.Add(ref weight, i * taps);
            Vector128<float> s0 = Vector128<float>.Zero, s1 = Vector128<float>.Zero, s2 = Vector128<float>.Zero, s3 = Vector128<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                s0 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, k)), Vector128.LoadUnsafe(ref p0, (nuint)(4 * k)), s0);
                s1 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, taps + k)), Vector128.LoadUnsafe(ref p1, (nuint)(4 * k)), s1);
                s2 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, 2 * taps + k)), Vector128.LoadUnsafe(ref p2, (nuint)(4 * k)), s2);
                s3 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, 3 * taps + k)), Vector128.LoadUnsafe(ref p3, (nuint)(4 * k)), s3);
            }

            Scatter(s0, i, red, green, blue, alpha);
            Scatter(s1, i + 1, red, green, blue, alpha);
            Scatter(s2, i + 2, red, green, blue, alpha);
            Scatter(s3, i + 3, red, green, blue, alpha);
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
