using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The Gaussian blur of <see cref="CpuBackend.GaussianBlur"/>, vectorized and laid out for the cache, with the same
/// arithmetic: every horizontal value is the same chain of fused multiply-adds over the same premultiplied inputs, taps
/// left to right, and every output the same chain over those values, taps top to bottom. Only where and when the values
/// are computed changes.
/// </summary>
/// <remarks>
/// The image is cut into tiles: bands of rows across strips of columns. A tile keeps the horizontal pass of the rows it
/// reads in a ring of one row per tap, plus one (four planes of floats: <see cref="PlanarPixels"/>), so a row is
/// blurred horizontally once per tile, when the vertical pass first needs it, and the vertical pass reads the ring from
/// the cache instead of an image-sized intermediate from memory. Strips are as wide as keeps the ring within
/// <see cref="RingBytes"/>; each band recomputes the taps - 1 rows it shares with its neighbours, which the band height
/// keeps small. Tiles run in parallel. The vertical pass makes two output rows at once: they read the same ring rows,
/// one tap apart, so each row loaded feeds two sums.
/// </remarks>
internal static class VectorGaussianBlur
{
    private const int RingBytes = 256 * 1024;

    /// <summary>Vectors of one plane summed at once by the horizontal pass (<see cref="Convolve"/>).</summary>
    private const int Block = 8;

    public static void Run(CpuPixelBuffer input, CpuPixelBuffer output, int width, int height, float[] kernel)
    {
        TileGrid grid = TileGrid.For(width, height, StripWidth(width, kernel.Length), 2 * kernel.Length);
        grid.ForEach(tile => BlurTile(input, output, width, height, kernel, tile));
    }

    /// <summary>Columns per strip: the ring of <paramref name="taps"/> + 1 rows of four float planes within
    /// <see cref="RingBytes"/>, in whole blocks of the horizontal pass.</summary>
    private static int StripWidth(int width, int taps)
    {
        int block = Block * Vector<float>.Count;
        return Math.Min(width, Math.Max(block, RingBytes / ((taps + 1) * 4 * sizeof(float)) / block * block));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlurTile(CpuPixelBuffer input, CpuPixelBuffer output, int width, int height, float[] kernel, TileGrid.Tile tile)
    {
        int taps = kernel.Length;
        int half = taps / 2;
        int slots = taps + 1;
        // A plane of a ring row covers the strip in whole blocks of the horizontal pass (the columns past the strip are
        // computed and never stored); the source row adds the kernel's reach each side.
        int plane = RoundUp(tile.Width, Block * Vector<float>.Count);
        int padded = RoundUp(plane + 2 * half, Vector<float>.Count);
        float[] ring = ArrayPool<float>.Shared.Rent(slots * 4 * plane);
        float[] planes = ArrayPool<float>.Shared.Rent(4 * padded);
        uint[] pixels = ArrayPool<uint>.Shared.Rent(padded);
        int[] rowInSlot = ArrayPool<int>.Shared.Rent(slots);
        int[] slotOfTap = ArrayPool<int>.Shared.Rent(slots);
        try
        {
            rowInSlot.AsSpan(0, slots).Fill(-1);
            long count = (long)width * height;
            for (int y = tile.Top; y < tile.Bottom; y += 2)
            {
                // Output rows y and y + 1 read rows y - half ... y + 1 + half, clamped: consecutive rows, repeated at the
                // edges, at most `slots` of them, so their slots differ.
                for (int i = 0; i < slots; i++)
                {
                    int row = Math.Clamp(y + i - half, 0, height - 1);
                    int slot = row % slots;
                    if (rowInSlot[slot] != row)
                    {
                        ReadOnlySpan<uint> source = input.Pixels(count).Slice(row * width, width);
                        HorizontalRow(source, tile.Left - half, pixels.AsSpan(0, padded), planes.AsSpan(0, 4 * padded), kernel,
                            ring.AsSpan(slot * 4 * plane, 4 * plane));
                        rowInSlot[slot] = row;
                    }

                    slotOfTap[i] = slot * 4 * plane;
                }

                Span<uint> first = output.Pixels(count).Slice(y * width + tile.Left, tile.Width);
                Span<uint> second = y + 1 < tile.Bottom ? output.Pixels(count).Slice((y + 1) * width + tile.Left, tile.Width) : [];
                VerticalRows(ring, plane, slotOfTap.AsSpan(0, slots), kernel, first, second);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(planes);
            ArrayPool<uint>.Shared.Return(pixels);
            ArrayPool<int>.Shared.Return(rowInSlot);
            ArrayPool<int>.Shared.Return(slotOfTap);
        }
    }

    /// <summary>
    /// The horizontal pass of one source row over the strip, into four planes of <paramref name="result"/>: the source
    /// columns from <paramref name="first"/> on, edges clamped, premultiplied once, then the taps of each output summed
    /// left to right.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalRow(ReadOnlySpan<uint> source, int first, Span<uint> pixels, Span<float> planes, float[] kernel, Span<float> result)
    {
        int width = source.Length;
        int padded = pixels.Length;
        int plane = result.Length / 4;
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

        PlanarPixels.FromRgba(pixels, planes[..padded], planes.Slice(padded, padded), planes.Slice(2 * padded, padded), planes.Slice(3 * padded, padded));
        for (int c = 0; c < 4; c++)
        {
            Convolve(planes.Slice(c * padded, padded), kernel, result.Slice(c * plane, plane));
        }
    }

    /// <summary>result[x] = sum over i of kernel[i] x values[x + i], fused multiply-adds in tap order, in blocks of eight
    /// vectors: a fused multiply-add takes four cycles and two can start each cycle, so eight independent sums keep the
    /// units busy where one would wait on itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Convolve(ReadOnlySpan<float> values, float[] kernel, Span<float> result)
    {
        int lanes = Vector<float>.Count;
        if (values.Length < result.Length + kernel.Length - 1 || result.Length % (Block * lanes) != 0)
        {
            throw new ArgumentException("The values do not cover the kernel's reach over whole blocks.", nameof(values));
        }

        ref float source = ref MemoryMarshal.GetReference(values);
        ref float target = ref MemoryMarshal.GetReference(result);
        for (int x = 0; x < result.Length; x += Block * lanes)
        {
            Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero, s2 = Vector<float>.Zero, s3 = Vector<float>.Zero;
            Vector<float> s4 = Vector<float>.Zero, s5 = Vector<float>.Zero, s6 = Vector<float>.Zero, s7 = Vector<float>.Zero;
            for (int i = 0; i < kernel.Length; i++)
            {
                Vector<float> weight = new(kernel[i]);
                ref float at = ref Unsafe.Add(ref source, x + i);
                s0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at), s0);
                s1 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)lanes), s1);
                s2 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(2 * lanes)), s2);
                s3 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(3 * lanes)), s3);
                s4 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(4 * lanes)), s4);
                s5 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(5 * lanes)), s5);
                s6 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(6 * lanes)), s6);
                s7 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref at, (nuint)(7 * lanes)), s7);
            }

            ref float to = ref Unsafe.Add(ref target, x);
            s0.StoreUnsafe(ref to);
            s1.StoreUnsafe(ref to, (nuint)lanes);
            s2.StoreUnsafe(ref to, (nuint)(2 * lanes));
            s3.StoreUnsafe(ref to, (nuint)(3 * lanes));
            s4.StoreUnsafe(ref to, (nuint)(4 * lanes));
            s5.StoreUnsafe(ref to, (nuint)(5 * lanes));
            s6.StoreUnsafe(ref to, (nuint)(6 * lanes));
            s7.StoreUnsafe(ref to, (nuint)(7 * lanes));
        }
    }

    /// <summary>
    /// The vertical pass of two output rows, <paramref name="first"/> and <paramref name="second"/> (empty at the end of
    /// an odd band): the first sums kernel[i] x ring row <paramref name="rows"/>[i], the second kernel[i] x ring row
    /// rows[i + 1], taps top to bottom; then back to straight RGBA8. <paramref name="rows"/> holds where each ring row
    /// starts. The last, partial vector of a row goes through a copy, outside the loop, so that the loop calls nothing and
    /// its sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalRows(float[] ring, int plane, ReadOnlySpan<int> rows, float[] kernel, Span<uint> first, Span<uint> second)
    {
        int lanes = Vector<float>.Count;
        ref float data = ref MemoryMarshal.GetArrayDataReference(ring);
        ref int starts = ref MemoryMarshal.GetReference(rows);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(kernel);
        bool both = !second.IsEmpty;
        int whole = first.Length / lanes * lanes;
        for (int x = 0; x < whole; x += lanes)
        {
            SumTwoRows(ref data, ref starts, ref weights, kernel.Length, plane, x, both, out Vector<uint> upper, out Vector<uint> lower);
            upper.StoreUnsafe(ref MemoryMarshal.GetReference(first), (nuint)x);
            if (both)
            {
                lower.StoreUnsafe(ref MemoryMarshal.GetReference(second), (nuint)x);
            }
        }

        if (whole < first.Length)
        {
            SumTwoRows(ref data, ref starts, ref weights, kernel.Length, plane, whole, both, out Vector<uint> upper, out Vector<uint> lower);
            Span<uint> tail = stackalloc uint[lanes];
            upper.CopyTo(tail);
            tail[..(first.Length - whole)].CopyTo(first[whole..]);
            if (both)
            {
                lower.CopyTo(tail);
                tail[..(second.Length - whole)].CopyTo(second[whole..]);
            }
        }
    }

    /// <summary>One vector of pixels of the two rows of <see cref="VerticalRows"/>: the four planes of each (eight
    /// independent sums), every ring row loaded once for both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumTwoRows(ref float data, ref int starts, ref float weights, int taps, int plane, int x, bool both,
        out Vector<uint> upper, out Vector<uint> lower)
    {
        ref float top = ref Unsafe.Add(ref data, starts + x);
        Vector<float> weight = new(weights);
        Vector<float> r0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref top), Vector<float>.Zero);
        Vector<float> g0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref top, (nuint)plane), Vector<float>.Zero);
        Vector<float> b0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref top, (nuint)(2 * plane)), Vector<float>.Zero);
        Vector<float> a0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref top, (nuint)(3 * plane)), Vector<float>.Zero);
        Vector<float> r1 = Vector<float>.Zero, g1 = Vector<float>.Zero, b1 = Vector<float>.Zero, a1 = Vector<float>.Zero;
        for (int i = 1; i < taps; i++)
        {
            ref float at = ref Unsafe.Add(ref data, Unsafe.Add(ref starts, i) + x);
            Vector<float> red = Vector.LoadUnsafe(ref at);
            Vector<float> green = Vector.LoadUnsafe(ref at, (nuint)plane);
            Vector<float> blue = Vector.LoadUnsafe(ref at, (nuint)(2 * plane));
            Vector<float> alpha = Vector.LoadUnsafe(ref at, (nuint)(3 * plane));
            Vector<float> current = new(Unsafe.Add(ref weights, i));
            Vector<float> previous = new(Unsafe.Add(ref weights, i - 1));
            r0 = VectorMath.MultiplyAdd(current, red, r0);
            g0 = VectorMath.MultiplyAdd(current, green, g0);
            b0 = VectorMath.MultiplyAdd(current, blue, b0);
            a0 = VectorMath.MultiplyAdd(current, alpha, a0);
            r1 = VectorMath.MultiplyAdd(previous, red, r1);
            g1 = VectorMath.MultiplyAdd(previous, green, g1);
            b1 = VectorMath.MultiplyAdd(previous, blue, b1);
            a1 = VectorMath.MultiplyAdd(previous, alpha, a1);
        }

        upper = PlanarPixels.ToRgba(r0, g0, b0, a0);
        lower = default;
        if (both)
        {
            ref float bottom = ref Unsafe.Add(ref data, Unsafe.Add(ref starts, taps) + x);
            Vector<float> last = new(Unsafe.Add(ref weights, taps - 1));
            r1 = VectorMath.MultiplyAdd(last, Vector.LoadUnsafe(ref bottom), r1);
            g1 = VectorMath.MultiplyAdd(last, Vector.LoadUnsafe(ref bottom, (nuint)plane), g1);
            b1 = VectorMath.MultiplyAdd(last, Vector.LoadUnsafe(ref bottom, (nuint)(2 * plane)), b1);
            a1 = VectorMath.MultiplyAdd(last, Vector.LoadUnsafe(ref bottom, (nuint)(3 * plane)), a1);
            lower = PlanarPixels.ToRgba(r1, g1, b1, a1);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
