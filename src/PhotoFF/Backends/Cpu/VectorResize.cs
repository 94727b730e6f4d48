using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
/// <see cref="Vector128{T}"/> (its four channels), or the same pixel of two rows a <see cref="Vector256{T}"/>, or of
/// four rows a <see cref="Vector512{T}"/> with AVX-512, four output pixels at a time so that their sums overlap; every
/// output sums <see cref="ResampleTable.Taps"/> taps, those past its own count with weight 0 over a pixel of zeros, which
/// adds an exact zero to a sum that is never -0 (it starts at +0, and an exact zero sum of two addends is +0 unless
/// both are -0): the same bits as stopping at its count.
/// </remarks>
internal static class VectorResize
{
    /// <summary>Columns the opaque conversions (<see cref="ConvertOpaqueTwoRows"/>, <see cref="ConvertOpaqueFourRows"/>)
    /// convert between tests of the rows' alpha, so that rows with alpha are given up early.</summary>
    private const int ColumnsPerTest = 32;

    /// <summary>Resizes as <see cref="CpuBackend.Resize"/> does; <paramref name="wide"/> sends source rows through the
    /// horizontal pass four at a time on AVX-512's sixteen lanes (<see cref="FloatLanes.WideSupported"/>), with the same
    /// result.</summary>
    public static void Run(CpuPixelBuffer input, int sourceWidth, int sourceHeight, CpuPixelBuffer output, int destinationWidth,
        int destinationHeight, int x, int y, ResampleTable columns, ResampleTable rows, uint background, bool wide)
    {
        Layout layout = new(sourceWidth, sourceHeight, destinationWidth, destinationHeight, x, y, columns, rows, background,
            PaddedWeights(columns));
        // A band should read well over the rows it shares with the next one: a few times the vertical taps in source rows.
        double sourceRowsPerOutput = Math.Max(1.0, (double)rows.SourceLength / rows.Length);
        int minBand = (int)Math.Ceiling(4 * rows.Taps / sourceRowsPerOutput);
        TileGrid grid = TileGrid.For(destinationWidth, destinationHeight, destinationWidth, Math.Max(8, minBand));
        grid.ForEach(tile => ResizeBand(input, output, layout, tile.Top, tile.Bottom, wide && FloatLanes.WideSupported));
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResizeBand(CpuPixelBuffer input, CpuPixelBuffer output, Layout layout, int top, int bottom, bool wide)
    {
        ResampleTable columns = layout.Columns;
        ResampleTable rows = layout.Rows;
        int width = columns.Length;
        int plane = RoundUp(width, wide ? WideLanes.Count : NarrowLanes.Count);
        // The premultiplied source columns that the horizontal pass reads, four floats a pixel, and a tail of zero pixels
        // for the taps past a pixel's count.
        int sourceColumns = columns.End - columns.First;
        // Where the hardware has Vector256, source rows go through the horizontal pass two at a time (one in each half of
        // a vector), the second one ahead of need: the ring holds one row more than the taps, so that the row ahead never
        // takes the slot of a row the current output reads.
        // With AVX-512 (wide), four at a time (HorizontalFourRows), the three ahead of need in three more
        // slots, and the vertical pass on sixteen lanes.
        bool twoRows = Vector256.IsHardwareAccelerated && Avx.IsSupported;
        int slots = rows.Taps + (wide ? 3 : 1);
        float[] ring = ArrayPool<float>.Shared.Rent(slots * 4 * plane);
        float[] premultiplied = ArrayPool<float>.Shared.Rent(8 * (sourceColumns + columns.Taps));
        float[] quad = ArrayPool<float>.Shared.Rent(wide ? 16 * (sourceColumns + columns.Taps) : 0);
        int[] rowInSlot = ArrayPool<int>.Shared.Rent(slots);
        int[] slotOfTap = ArrayPool<int>.Shared.Rent(slots);
        try
        {
            rowInSlot.AsSpan(0, slots).Fill(-1);
            // Taps past a pixel's count read past the row: zeros there (finite: their weight 0 adds exact zeros).
            premultiplied.AsSpan(0, 8 * (sourceColumns + columns.Taps)).Clear();
            quad.AsSpan(0, wide ? 16 * (sourceColumns + columns.Taps) : 0).Clear();
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
                    // The rows one output reads are consecutive and fewer than `slots`, so their slots differ.
                    int row = start + k;
                    int slot = row % slots;
                    if (rowInSlot[slot] != row)
                    {
                        ReadOnlySpan<uint> image = input.Pixels(sourceCount);
                        ReadOnlySpan<uint> source = image.Slice(row * layout.SourceWidth + columns.First, sourceColumns);
                        int next = row + 1;
                        int nextSlot = next % slots;
                        if (wide && row + 3 < rows.End && rowInSlot[nextSlot] != next && rowInSlot[(row + 2) % slots] != row + 2 &&
                            rowInSlot[(row + 3) % slots] != row + 3)
                        {
                            int third = (row + 2) % slots, fourth = (row + 3) % slots;
                            int stride = layout.SourceWidth;
                            int at = row * stride + columns.First;
                            PremultiplyFourRows(image.Slice(at, sourceColumns), image.Slice(at + stride, sourceColumns),
                                image.Slice(at + 2 * stride, sourceColumns), image.Slice(at + 3 * stride, sourceColumns), quad);
                            HorizontalFourRows(quad, columns, layout.ColumnWeights, ring, plane, slot, nextSlot, third, fourth);
                            rowInSlot[nextSlot] = next;
                            rowInSlot[third] = row + 2;
                            rowInSlot[fourth] = row + 3;
                        }
                        else if (twoRows && next < rows.End && rowInSlot[nextSlot] != next)
                        {
                            ReadOnlySpan<uint> nextSource = image.Slice(next * layout.SourceWidth + columns.First, sourceColumns);
                            PremultiplyTwoRows(source, nextSource, premultiplied);
                            HorizontalTwoRows(premultiplied, columns, layout.ColumnWeights, ring.AsSpan(slot * 4 * plane, 4 * plane),
                                ring.AsSpan(nextSlot * 4 * plane, 4 * plane));
                            rowInSlot[nextSlot] = next;
                        }
                        else
                        {
                            Premultiply(source, premultiplied);
                            HorizontalRow(premultiplied, columns, layout.ColumnWeights, ring.AsSpan(slot * 4 * plane, 4 * plane));
                        }

                        rowInSlot[slot] = row;
                    }

                    slotOfTap[k] = slot;
                }

                if (wide)
                {
                    VerticalRow<WideLanes>(ring, plane, slotOfTap.AsSpan(0, count), rows.Weights.AsSpan(j * rows.Taps, count), target.Slice(layout.X, width));
                }
                else
                {
                    VerticalRow<NarrowLanes>(ring, plane, slotOfTap.AsSpan(0, count), rows.Weights.AsSpan(j * rows.Taps, count), target.Slice(layout.X, width));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(premultiplied);
            ArrayPool<float>.Shared.Return(quad);
            ArrayPool<int>.Shared.Return(rowInSlot);
            ArrayPool<int>.Shared.Return(slotOfTap);
        }
    }

    /// <summary>The pixels premultiplied, four floats each (R, G, B, A), as <see cref="Premultiplied.FromRgba"/>: one
    /// pixel a <see cref="Vector128{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Premultiply(ReadOnlySpan<uint> pixels, float[] premultiplied)
    {
        ref float target = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        for (int s = 0; s < pixels.Length; s++)
        {
            Premultiply(Vector128.CreateScalarUnsafe(pixels[s])).StoreUnsafe(ref target, (nuint)(4 * s));
        }
    }

    /// <summary>
    /// Two rows premultiplied and interleaved by pixel, eight floats for each column: the first row's R, G, B, A, then the
    /// second's, as <see cref="Premultiplied.FromRgba"/> makes each; one column a <see cref="Vector256{T}"/>. Rows that
    /// are both opaque (as a photo's are) are only converted: their scale, 255 / 255, is exactly 1. Their alpha is tested
    /// as they are converted, every few columns, so that an opaque pair is read once; a pair with alpha starts again,
    /// premultiplied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PremultiplyTwoRows(ReadOnlySpan<uint> first, ReadOnlySpan<uint> second, float[] premultiplied)
    {
        ref float target = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        if (ConvertOpaqueTwoRows(first, second, ref target))
        {
            return;
        }

        Vector256<float> alphaLanes = Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle();
        Vector256<float> full = Vector256.Create(255f);
        for (int s = 0; s < first.Length; s++)
        {
            Vector128<ushort> bytes = Vector128.WidenLower(Vector128.CreateScalarUnsafe(first[s]).WithElement(1, second[s]).AsByte());
            Vector256<float> straight = Vector256.ConvertToSingle(Vector256.WidenLower(bytes.ToVector256Unsafe()).AsInt32());
            Vector256<float> scale = Vector256.Shuffle(straight, Vector256.Create(3, 3, 3, 3, 7, 7, 7, 7)) / full;
            Vector256.ConditionalSelect(alphaLanes, straight, straight * scale).StoreUnsafe(ref target, (nuint)(8 * s));
        }
    }

    /// <summary>The two rows converted as <see cref="PremultiplyTwoRows"/> does opaque ones, while their alpha is 255;
    /// whether it was throughout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ConvertOpaqueTwoRows(ReadOnlySpan<uint> first, ReadOnlySpan<uint> second, ref float target)
    {
        uint alphas = 0xFF000000u;
        for (int s = 0; s < first.Length; s++)
        {
            alphas &= first[s] & second[s];
            Vector128<ushort> bytes = Vector128.WidenLower(Vector128.CreateScalarUnsafe(first[s]).WithElement(1, second[s]).AsByte());
            Vector256.ConvertToSingle(Vector256.WidenLower(bytes.ToVector256Unsafe()).AsInt32()).StoreUnsafe(ref target, (nuint)(8 * s));
            if (s % ColumnsPerTest == ColumnsPerTest - 1 && alphas != 0xFF000000u)
            {
                return false;
            }
        }

        return alphas == 0xFF000000u;
    }

    /// <summary>One pixel premultiplied, as <see cref="Premultiplied.FromRgba"/>: R, G and B times alpha / 255, alpha
    /// kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Premultiply(Vector128<uint> pixel)
    {
        Vector128<float> straight = Vector128.ConvertToSingle(Vector128.WidenLower(Vector128.WidenLower(pixel.AsByte())).AsInt32());
        Vector128<float> scale = Vector128.Shuffle(straight, Vector128.Create(3, 3, 3, 3)) / Vector128.Create(255f);
        return Vector128.ConditionalSelect(Vector128.Create(0, 0, 0, -1).AsSingle(), straight, straight * scale);
    }

    /// <summary>
    /// Four rows premultiplied and interleaved by pixel, sixteen floats for each column: each row's R, G, B, A in turn, as
    /// <see cref="Premultiplied.FromRgba"/> makes them; one column a <see cref="Vector512{T}"/>. Rows that are all opaque
    /// are only converted (their scale, 255 / 255, is exactly 1), four columns at a time; their alpha is tested as they
    /// are, every few columns, and rows with alpha start again, premultiplied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PremultiplyFourRows(ReadOnlySpan<uint> first, ReadOnlySpan<uint> second, ReadOnlySpan<uint> third, ReadOnlySpan<uint> fourth,
        float[] quad)
    {
        int count = first.Length;
        if (second.Length != count || third.Length != count || fourth.Length != count || quad.Length < 16 * count)
        {
            throw new ArgumentException("The four rows differ in length or do not fit.", nameof(quad));
        }

        ref float target = ref MemoryMarshal.GetArrayDataReference(quad);
        if (ConvertOpaqueFourRows(first, second, third, fourth, ref target))
        {
            return;
        }

        Vector512<float> alphaLanes = Vector512.Create(0, 0, 0, -1, 0, 0, 0, -1, 0, 0, 0, -1, 0, 0, 0, -1).AsSingle();
        Vector512<int> alphaOfPixel = Vector512.Create(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
        Vector512<float> full = Vector512.Create(255f);
        for (int s = 0; s < count; s++)
        {
            Vector512<float> straight = Column(Vector128.Create(first[s], second[s], third[s], fourth[s]));
            Vector512<float> scale = Avx512F.PermuteVar16x32(straight, alphaOfPixel) / full;
            Vector512.ConditionalSelect(alphaLanes, straight, straight * scale).StoreUnsafe(ref target, (nuint)(16 * s));
        }
    }

    /// <summary>The four rows converted as <see cref="PremultiplyFourRows"/> does opaque ones, while their alpha is 255;
    /// whether it was throughout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ConvertOpaqueFourRows(ReadOnlySpan<uint> first, ReadOnlySpan<uint> second, ReadOnlySpan<uint> third, ReadOnlySpan<uint> fourth,
        ref float target)
    {
        Vector128<uint> opaque = Vector128.Create(0xFF000000u);
        Vector128<uint> alphas = opaque;
        ref uint p0 = ref MemoryMarshal.GetReference(first);
        ref uint p1 = ref MemoryMarshal.GetReference(second);
        ref uint p2 = ref MemoryMarshal.GetReference(third);
        ref uint p3 = ref MemoryMarshal.GetReference(fourth);
        int s = 0;
        for (; s + 4 <= first.Length; s += 4)
        {
            Vector128<uint> r0 = Vector128.LoadUnsafe(ref p0, (nuint)s), r1 = Vector128.LoadUnsafe(ref p1, (nuint)s);
            Vector128<uint> r2 = Vector128.LoadUnsafe(ref p2, (nuint)s), r3 = Vector128.LoadUnsafe(ref p3, (nuint)s);
            alphas &= r0 & r1 & r2 & r3;
            // A 4x4 transpose: column k's pixels of the four rows, in row order.
            Vector128<ulong> a = Sse2.UnpackLow(r0, r1).AsUInt64(), b = Sse2.UnpackHigh(r0, r1).AsUInt64();
            Vector128<ulong> c = Sse2.UnpackLow(r2, r3).AsUInt64(), d = Sse2.UnpackHigh(r2, r3).AsUInt64();
            Column(Sse2.UnpackLow(a, c).AsUInt32()).StoreUnsafe(ref target, (nuint)(16 * s));
            Column(Sse2.UnpackHigh(a, c).AsUInt32()).StoreUnsafe(ref target, (nuint)(16 * s + 16));
            Column(Sse2.UnpackLow(b, d).AsUInt32()).StoreUnsafe(ref target, (nuint)(16 * s + 32));
            Column(Sse2.UnpackHigh(b, d).AsUInt32()).StoreUnsafe(ref target, (nuint)(16 * s + 48));
            if (s % ColumnsPerTest == ColumnsPerTest - 4 && alphas != opaque)
            {
                return false;
            }
        }

        for (; s < first.Length; s++)
        {
            Vector128<uint> pixels = Vector128.Create(first[s], second[s], third[s], fourth[s]);
            alphas &= pixels;
            Column(pixels).StoreUnsafe(ref target, (nuint)(16 * s));
        }

        return alphas == opaque;
    }

    /// <summary>Four RGBA8 pixels as sixteen floats, each channel its byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Column(Vector128<uint> pixels) => Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(pixels.AsByte()));

    /// <summary>
    /// The horizontal pass of four source rows at once, from <see cref="PremultiplyFourRows"/>, into ring slots
    /// <paramref name="slot0"/> ... <paramref name="slot3"/>: each tap of an output pixel is one fused multiply-add of a
    /// <see cref="Vector512{T}"/> holding the pixel of all four rows, so a weight and a load serve four rows; four output
    /// pixels at a time so that their sums overlap. Each row's sums are the single-row pass's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalFourRows(float[] quad, ResampleTable columns, float[] weights, float[] ring, int plane, int slot0, int slot1, int slot2,
        int slot3)
    {
        int width = columns.Length;
        int taps = columns.Taps;
        if (plane < width || ring.Length < (Math.Max(Math.Max(slot0, slot1), Math.Max(slot2, slot3)) + 1) * 4 * plane)
        {
            throw new ArgumentException("The ring's planes do not hold the output width.", nameof(ring));
        }

        ref float source = ref MemoryMarshal.GetArrayDataReference(quad);
        ref float rows = ref MemoryMarshal.GetArrayDataReference(ring);
        ref float row0 = ref Unsafe.Add(ref rows, slot0 * 4 * plane);
        ref float row1 = ref Unsafe.Add(ref rows, slot1 * 4 * plane);
        ref float row2 = ref Unsafe.Add(ref rows, slot2 * 4 * plane);
        ref float row3 = ref Unsafe.Add(ref rows, slot3 * 4 * plane);
        int i = 0;
        for (; i + 4 <= width; i += 4)
        {
            ref float p0 = ref Unsafe.Add(ref source, 16 * (columns.Start(i) - columns.First));
            ref float p1 = ref Unsafe.Add(ref source, 16 * (columns.Start(i + 1) - columns.First));
            ref float p2 = ref Unsafe.Add(ref source, 16 * (columns.Start(i + 2) - columns.First));
            ref float p3 = ref Unsafe.Add(ref source, 16 * (columns.Start(i + 3) - columns.First));
            ref float w = ref weights[i * taps];
            Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero, s2 = Vector512<float>.Zero, s3 = Vector512<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                nuint tap = (nuint)(16 * k);
                s0 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, k)), Vector512.LoadUnsafe(ref p0, tap), s0);
                s1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, taps + k)), Vector512.LoadUnsafe(ref p1, tap), s1);
                s2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 2 * taps + k)), Vector512.LoadUnsafe(ref p2, tap), s2);
                s3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, 3 * taps + k)), Vector512.LoadUnsafe(ref p3, tap), s3);
            }

            ScatterFourOfFour(s0, s1, s2, s3, ref row0, ref row1, ref row2, ref row3, (nuint)i, (nuint)plane);
        }

        for (; i < width; i++)
        {
            ref float p = ref Unsafe.Add(ref source, 16 * (columns.Start(i) - columns.First));
            Vector512<float> sum = Vector512<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                sum = Avx512F.FusedMultiplyAdd(Vector512.Create(weights[i * taps + k]), Vector512.LoadUnsafe(ref p, (nuint)(16 * k)), sum);
            }

            for (int c = 0; c < 4; c++)
            {
                Unsafe.Add(ref row0, c * plane + i) = sum.GetElement(c);
                Unsafe.Add(ref row1, c * plane + i) = sum.GetElement(4 + c);
                Unsafe.Add(ref row2, c * plane + i) = sum.GetElement(8 + c);
                Unsafe.Add(ref row3, c * plane + i) = sum.GetElement(12 + c);
            }
        }
    }

    /// <summary>
    /// Output pixels <paramref name="i"/> ... <paramref name="i"/> + 3 of four rows (each vector one pixel: each row's R,
    /// G, B, A in turn) into their planes: in each 128-bit lane, a 4x4 transpose turns four pixels into four channels,
    /// and each lane's channels go to its row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterFourOfFour(Vector512<float> p0, Vector512<float> p1, Vector512<float> p2, Vector512<float> p3,
        ref float row0, ref float row1, ref float row2, ref float row3, nuint i, nuint plane)
    {
        Vector512<float> redGreen01 = Avx512F.UnpackLow(p0, p1);
        Vector512<float> blueAlpha01 = Avx512F.UnpackHigh(p0, p1);
        Vector512<float> redGreen23 = Avx512F.UnpackLow(p2, p3);
        Vector512<float> blueAlpha23 = Avx512F.UnpackHigh(p2, p3);
        Store(Avx512F.Shuffle(redGreen01, redGreen23, 0x44), ref row0, ref row1, ref row2, ref row3, i);
        Store(Avx512F.Shuffle(redGreen01, redGreen23, 0xEE), ref row0, ref row1, ref row2, ref row3, plane + i);
        Store(Avx512F.Shuffle(blueAlpha01, blueAlpha23, 0x44), ref row0, ref row1, ref row2, ref row3, 2 * plane + i);
        Store(Avx512F.Shuffle(blueAlpha01, blueAlpha23, 0xEE), ref row0, ref row1, ref row2, ref row3, 3 * plane + i);

        static void Store(Vector512<float> channel, ref float row0, ref float row1, ref float row2, ref float row3, nuint at)
        {
            Avx512F.ExtractVector128(channel, 0).StoreUnsafe(ref row0, at);
            Avx512F.ExtractVector128(channel, 1).StoreUnsafe(ref row1, at);
            Avx512F.ExtractVector128(channel, 2).StoreUnsafe(ref row2, at);
            Avx512F.ExtractVector128(channel, 3).StoreUnsafe(ref row3, at);
        }
    }

    /// <summary>
    /// The horizontal pass of one source row into the four planes of <paramref name="result"/>: each output pixel's taps
    /// summed left to right, all four channels in one <see cref="Vector128{T}"/>, four output pixels at a time so that
    /// their sums overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalRow(float[] premultiplied, ResampleTable columns, float[] weights, Span<float> result)
    {
        int width = columns.Length;
        int taps = columns.Taps;
        int plane = result.Length / 4;
        ref float source = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        Span<float> red = result[..plane];
        Span<float> green = result.Slice(plane, plane);
        Span<float> blue = result.Slice(2 * plane, plane);
        Span<float> alpha = result.Slice(3 * plane, plane);
        int i = 0;
        for (; i + 4 <= width; i += 4)
        {
            ref float p0 = ref Unsafe.Add(ref source, 4 * (columns.Start(i) - columns.First));
            ref float p1 = ref Unsafe.Add(ref source, 4 * (columns.Start(i + 1) - columns.First));
            ref float p2 = ref Unsafe.Add(ref source, 4 * (columns.Start(i + 2) - columns.First));
            ref float p3 = ref Unsafe.Add(ref source, 4 * (columns.Start(i + 3) - columns.First));
            ref float w = ref weights[i * taps];
            Vector128<float> s0 = Vector128<float>.Zero, s1 = Vector128<float>.Zero, s2 = Vector128<float>.Zero, s3 = Vector128<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                nuint tap = (nuint)(4 * k);
                s0 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, k)), Vector128.LoadUnsafe(ref p0, tap), s0);
                s1 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, taps + k)), Vector128.LoadUnsafe(ref p1, tap), s1);
                s2 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, 2 * taps + k)), Vector128.LoadUnsafe(ref p2, tap), s2);
                s3 = VectorMath.MultiplyAdd(Vector128.Create(Unsafe.Add(ref w, 3 * taps + k)), Vector128.LoadUnsafe(ref p3, tap), s3);
            }

            Scatter(s0, i, red, green, blue, alpha);
            Scatter(s1, i + 1, red, green, blue, alpha);
            Scatter(s2, i + 2, red, green, blue, alpha);
            Scatter(s3, i + 3, red, green, blue, alpha);
        }

        for (; i < width; i++)
        {
            ref float p = ref Unsafe.Add(ref source, 4 * (columns.Start(i) - columns.First));
            Vector128<float> sum = Vector128<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                sum = VectorMath.MultiplyAdd(Vector128.Create(weights[i * taps + k]), Vector128.LoadUnsafe(ref p, (nuint)(4 * k)), sum);
            }

            Scatter(sum, i, red, green, blue, alpha);
        }
    }

    /// <summary>
    /// The horizontal pass of two source rows at once, from <see cref="PremultiplyTwoRows"/>: each tap of an output pixel
    /// is one fused multiply-add of a <see cref="Vector256{T}"/> holding the pixel of both rows, so a weight and a load
    /// serve two rows; four output pixels at a time so that their sums overlap. Each row's sums are the single-row pass's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalTwoRows(float[] premultiplied, ResampleTable columns, float[] weights, Span<float> first, Span<float> second)
    {
        int width = columns.Length;
        int taps = columns.Taps;
        int plane = first.Length / 4;
        if (second.Length != first.Length || plane < width)
        {
            throw new ArgumentException("The rows' planes do not hold the output width.", nameof(first));
        }

        ref float source = ref MemoryMarshal.GetArrayDataReference(premultiplied);
        ref float firstRow = ref MemoryMarshal.GetReference(first);
        ref float secondRow = ref MemoryMarshal.GetReference(second);
        int i = 0;
        for (; i + 4 <= width; i += 4)
        {
            ref float p0 = ref Unsafe.Add(ref source, 8 * (columns.Start(i) - columns.First));
            ref float p1 = ref Unsafe.Add(ref source, 8 * (columns.Start(i + 1) - columns.First));
            ref float p2 = ref Unsafe.Add(ref source, 8 * (columns.Start(i + 2) - columns.First));
            ref float p3 = ref Unsafe.Add(ref source, 8 * (columns.Start(i + 3) - columns.First));
            ref float w = ref weights[i * taps];
            Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero, s2 = Vector256<float>.Zero, s3 = Vector256<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                nuint tap = (nuint)(8 * k);
                s0 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref w, k)), Vector256.LoadUnsafe(ref p0, tap), s0);
                s1 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref w, taps + k)), Vector256.LoadUnsafe(ref p1, tap), s1);
                s2 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 2 * taps + k)), Vector256.LoadUnsafe(ref p2, tap), s2);
                s3 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref w, 3 * taps + k)), Vector256.LoadUnsafe(ref p3, tap), s3);
            }

            ScatterFourOfTwo(s0, s1, s2, s3, ref firstRow, ref secondRow, (nuint)i, (nuint)plane);
        }

        for (; i < width; i++)
        {
            ref float p = ref Unsafe.Add(ref source, 8 * (columns.Start(i) - columns.First));
            Vector256<float> sum = Vector256<float>.Zero;
            for (int k = 0; k < taps; k++)
            {
                sum = VectorMath.MultiplyAdd(Vector256.Create(weights[i * taps + k]), Vector256.LoadUnsafe(ref p, (nuint)(8 * k)), sum);
            }

            ScatterTwo(sum, i, first, second, plane);
        }
    }

    /// <summary>
    /// Output pixels <paramref name="i"/> ... <paramref name="i"/> + 3 of both rows (each vector one pixel: the first
    /// row's R, G, B, A, then the second's) into their planes: in each 128-bit half, a 4x4 transpose turns four pixels
    /// into four channels, whose halves are stored at once, eight stores in place of 32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterFourOfTwo(Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3,
        ref float first, ref float second, nuint i, nuint plane)
    {
        Vector256<float> redGreen01 = Avx.UnpackLow(p0, p1);
        Vector256<float> blueAlpha01 = Avx.UnpackHigh(p0, p1);
        Vector256<float> redGreen23 = Avx.UnpackLow(p2, p3);
        Vector256<float> blueAlpha23 = Avx.UnpackHigh(p2, p3);
        Store(Avx.Shuffle(redGreen01, redGreen23, 0x44), ref first, ref second, i);
        Store(Avx.Shuffle(redGreen01, redGreen23, 0xEE), ref first, ref second, plane + i);
        Store(Avx.Shuffle(blueAlpha01, blueAlpha23, 0x44), ref first, ref second, 2 * plane + i);
        Store(Avx.Shuffle(blueAlpha01, blueAlpha23, 0xEE), ref first, ref second, 3 * plane + i);

        static void Store(Vector256<float> channel, ref float first, ref float second, nuint at)
        {
            channel.GetLower().StoreUnsafe(ref first, at);
            channel.GetUpper().StoreUnsafe(ref second, at);
        }
    }

    /// <summary>Output pixel <paramref name="i"/> of both rows into their planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterTwo(Vector256<float> pixels, int i, Span<float> first, Span<float> second, int plane)
    {
        first[i] = pixels.GetElement(0);
        first[plane + i] = pixels.GetElement(1);
        first[2 * plane + i] = pixels.GetElement(2);
        first[3 * plane + i] = pixels.GetElement(3);
        second[i] = pixels.GetElement(4);
        second[plane + i] = pixels.GetElement(5);
        second[2 * plane + i] = pixels.GetElement(6);
        second[3 * plane + i] = pixels.GetElement(7);
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
    /// <paramref name="slots"/>, then back to straight RGBA8, on the lanes of <typeparamref name="TLanes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void VerticalRow<TLanes>(float[] ring, int plane, ReadOnlySpan<int> slots, ReadOnlySpan<float> weights, Span<uint> target)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        int lanes = TLanes.Count;
        if (plane % lanes != 0)
        {
            throw new ArgumentException("The ring's planes are not whole vectors.", nameof(plane));
        }

        ref float rows = ref MemoryMarshal.GetArrayDataReference(ring);
        ref uint output = ref MemoryMarshal.GetReference(target);
        Span<uint> tail = stackalloc uint[lanes];
        for (int x = 0; x < target.Length; x += lanes)
        {
            TLanes r = TLanes.Zero, g = TLanes.Zero, b = TLanes.Zero, a = TLanes.Zero;
            for (int k = 0; k < slots.Length; k++)
            {
                TLanes weight = TLanes.Broadcast(weights[k]);
                ref float at = ref Unsafe.Add(ref rows, slots[k] * 4 * plane + x);
                r = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, 0), r);
                g = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)plane), g);
                b = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(2 * plane)), b);
                a = TLanes.MultiplyAdd(weight, TLanes.Load(ref at, (nuint)(3 * plane)), a);
            }

            if (x + lanes <= target.Length)
            {
                TLanes.StoreRgba(r, g, b, a, ref output, (nuint)x);
            }
            else
            {
                TLanes.StoreRgba(r, g, b, a, ref MemoryMarshal.GetReference(tail), 0);
                tail[..(target.Length - x)].CopyTo(target[x..]);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
