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
/// reads in a ring of one row per tap (four planes of floats: <see cref="PlanarPixels"/>), so a row is blurred
/// horizontally once per tile, when the vertical pass first needs it, and the vertical pass reads the ring from the
/// cache instead of an image-sized intermediate from memory. Strips are as wide as keeps the ring within
/// <see cref="RingBytes"/>; each band recomputes the taps - 1 rows it shares with its neighbours, which the band height
/// keeps small. Tiles run in parallel.
/// </remarks>
internal static class VectorGaussianBlur
{
    private const int RingBytes = 256 * 1024;

    public static void Run(CpuPixelBuffer input, CpuPixelBuffer output, int width, int height, float[] kernel)
    {
        TileGrid grid = TileGrid.For(width, height, StripWidth(width, kernel.Length), 2 * kernel.Length);
        grid.ForEach(tile => BlurTile(input, output, width, height, kernel, tile));
    }

    /// <summary>Columns per strip: the ring of <paramref name="taps"/> rows of four float planes within
    /// <see cref="RingBytes"/>, at least 64 columns.</summary>
    private static int StripWidth(int width, int taps) => Math.Min(width, Math.Max(64, RingBytes / (taps * 4 * sizeof(float))));

    private static void BlurTile(CpuPixelBuffer input, CpuPixelBuffer output, int width, int height, float[] kernel, TileGrid.Tile tile)
    {
        int taps = kernel.Length;
        int half = taps / 2;
        int lanes = Vector<float>.Count;
        // Each plane of a ring row covers the strip rounded up to whole vectors; the padded source row adds the
        // kernel's reach each side and is rounded up again, so that no load or store needs a scalar tail.
        int plane = RoundUp(tile.Width, lanes);
        int padded = RoundUp(plane + 2 * half, lanes);
        float[] ring = ArrayPool<float>.Shared.Rent(taps * 4 * plane);
        float[] planes = ArrayPool<float>.Shared.Rent(4 * padded);
        uint[] pixels = ArrayPool<uint>.Shared.Rent(padded);
        int[] rowInSlot = ArrayPool<int>.Shared.Rent(taps);
        int[] slots = ArrayPool<int>.Shared.Rent(taps);
        try
        {
            rowInSlot.AsSpan(0, taps).Fill(-1);
            long count = (long)width * height;
            for (int y = tile.Top; y < tile.Bottom; y++)
            {
                for (int i = 0; i < taps; i++)
                {
                    // Clamped rows repeat; the rows one output reads are consecutive and at most `taps`, so their slots differ.
                    int row = Math.Clamp(y + i - half, 0, height - 1);
                    int slot = row % taps;
                    if (rowInSlot[slot] != row)
                    {
                        ReadOnlySpan<uint> source = input.Pixels(count).Slice(row * width, width);
                        HorizontalRow(source, tile.Left - half, pixels.AsSpan(0, padded), planes.AsSpan(0, 4 * padded), kernel,
                            ring.AsSpan(slot * 4 * plane, 4 * plane));
                        rowInSlot[slot] = row;
                    }

                    slots[i] = slot;
                }

                Span<uint> target = output.Pixels(count).Slice(y * width + tile.Left, tile.Width);
                VerticalRow(ring, plane, slots.AsSpan(0, taps), kernel, target);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(planes);
            ArrayPool<uint>.Shared.Return(pixels);
            ArrayPool<int>.Shared.Return(rowInSlot);
            ArrayPool<int>.Shared.Return(slots);
        }
    }

    /// <summary>
    /// The horizontal pass of one source row over the strip, into four planes of <paramref name="result"/>: the source
    /// columns from <paramref name="first"/> on, edges clamped, premultiplied once, then the taps of each output summed
    /// left to right.
    /// </summary>
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

    /// <summary>result[x] = sum over i of kernel[i] x values[x + i], fused multiply-adds in tap order. Eight vectors at a
    /// time: a fused multiply-add takes four cycles and two can start each cycle, so eight independent sums keep the
    /// units busy where one would wait on itself.</summary>
    private static void Convolve(ReadOnlySpan<float> values, float[] kernel, Span<float> result)
    {
        int lanes = Vector<float>.Count;
        if (values.Length < result.Length + kernel.Length - 1 || result.Length % lanes != 0)
        {
            throw new ArgumentException("The values do not cover the kernel's reach over whole vectors.", nameof(values));
        }

        ref float source = ref MemoryMarshal.GetReference(values);
        ref float target = ref MemoryMarshal.GetReference(result);
        int x = 0;
        for (; x + 8 * lanes <= result.Length; x += 8 * lanes)
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

        for (; x < result.Length; x += lanes)
        {
            Vector<float> sum = Vector<float>.Zero;
            for (int i = 0; i < kernel.Length; i++)
            {
                sum = VectorMath.MultiplyAdd(new Vector<float>(kernel[i]), Vector.LoadUnsafe(ref source, (nuint)(x + i)), sum);
            }

            sum.StoreUnsafe(ref target, (nuint)x);
        }
    }

    /// <summary>The vertical pass of one output row: for each column the taps summed top to bottom over the ring rows
    /// in <paramref name="slots"/>, the four planes of two vectors of pixels at once (eight independent sums), then back
    /// to straight RGBA8.</summary>
    private static void VerticalRow(float[] ring, int plane, ReadOnlySpan<int> slots, float[] kernel, Span<uint> target)
    {
        int lanes = Vector<float>.Count;
        ref float rows = ref MemoryMarshal.GetArrayDataReference(ring);
        ref uint output = ref MemoryMarshal.GetReference(target);
        int x = 0;
        for (; x + 2 * lanes <= target.Length; x += 2 * lanes)
        {
            Vector<float> r0 = Vector<float>.Zero, g0 = Vector<float>.Zero, b0 = Vector<float>.Zero, a0 = Vector<float>.Zero;
            Vector<float> r1 = Vector<float>.Zero, g1 = Vector<float>.Zero, b1 = Vector<float>.Zero, a1 = Vector<float>.Zero;
            for (int i = 0; i < slots.Length; i++)
            {
                Vector<float> weight = new(kernel[i]);
                ref float red = ref Unsafe.Add(ref rows, slots[i] * 4 * plane + x);
                ref float green = ref Unsafe.Add(ref red, plane);
                ref float blue = ref Unsafe.Add(ref red, 2 * plane);
                ref float alpha = ref Unsafe.Add(ref red, 3 * plane);
                r0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref red), r0);
                g0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref green), g0);
                b0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref blue), b0);
                a0 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref alpha), a0);
                r1 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref red, (nuint)lanes), r1);
                g1 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref green, (nuint)lanes), g1);
                b1 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref blue, (nuint)lanes), b1);
                a1 = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref alpha, (nuint)lanes), a1);
            }

            PlanarPixels.ToRgba(r0, g0, b0, a0).StoreUnsafe(ref output, (nuint)x);
            PlanarPixels.ToRgba(r1, g1, b1, a1).StoreUnsafe(ref output, (nuint)(x + lanes));
        }

        Span<uint> tail = stackalloc uint[lanes];
        for (; x < target.Length; x += lanes)
        {
            Vector<float> r = Vector<float>.Zero, g = Vector<float>.Zero, b = Vector<float>.Zero, a = Vector<float>.Zero;
            for (int i = 0; i < slots.Length; i++)
            {
                Vector<float> weight = new(kernel[i]);
                ref float red = ref Unsafe.Add(ref rows, slots[i] * 4 * plane + x);
                r = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref red), r);
                g = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref red, (nuint)plane), g);
                b = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref red, (nuint)(2 * plane)), b);
                a = VectorMath.MultiplyAdd(weight, Vector.LoadUnsafe(ref red, (nuint)(3 * plane)), a);
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
