using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The per-pixel operations of the CPU backend on whole vectors of pixels, one pixel a lane, each computing lane for
/// lane what the scalar code beside it in <c>CpuBackend.&lt;Op&gt;.cs</c> computes for one pixel, in the same float32
/// operations. Each returns how many pixels of the row it did (whole vectors from the start); the caller's scalar loop
/// does the rest.
/// </summary>
internal static class VectorPixels
{
    /// <summary><see cref="CpuBackend.ChromaKey"/>: each pixel keyed out where byte <paramref name="shift"/> / 8 of the
    /// key pixel beside it is above <paramref name="threshold"/> (at or below it with <paramref name="invert"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int KeyByChannel(Span<uint> row, ReadOnlySpan<uint> keys, int shift, int threshold, bool invert, bool zeroAllChannels)
    {
        ref uint pixels = ref MemoryMarshal.GetReference(row);
        ref uint key = ref MemoryMarshal.GetReference(keys);
        Vector<int> limit = new(threshold);
        Vector<uint> kept = new(zeroAllChannels ? 0u : 0x00FFFFFFu);
        int x = 0;
        for (; x <= row.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<int> value = Vector.AsVectorInt32(Vector.ShiftRightLogical(Vector.LoadUnsafe(ref key, (nuint)x), shift) & new Vector<uint>(0xFF));
            Vector<int> keyed = invert ? Vector.LessThanOrEqual(value, limit) : Vector.GreaterThan(value, limit);
            Vector<uint> pixel = Vector.LoadUnsafe(ref pixels, (nuint)x);
            Vector.ConditionalSelect(Vector.AsVectorUInt32(keyed), pixel & kept, pixel).StoreUnsafe(ref pixels, (nuint)x);
        }

        return x;
    }

    /// <summary>The combine step of <see cref="CpuBackend.Sharpen(PixelBuffer, PixelBuffer, int, int, float, int)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Sharpen(Span<uint> row, ReadOnlySpan<uint> blurred, float amount, int threshold)
    {
        ref uint pixels = ref MemoryMarshal.GetReference(row);
        ref uint soft = ref MemoryMarshal.GetReference(blurred);
        Vector<float> weight = new(amount);
        Vector<int> limit = new(threshold);
        int x = 0;
        for (; x <= row.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<uint> pixel = Vector.LoadUnsafe(ref pixels, (nuint)x);
            Vector<uint> blur = Vector.LoadUnsafe(ref soft, (nuint)x);
            Vector<uint> sharpened = Channel(pixel, blur, weight, limit, 0) | Vector.ShiftLeft(Channel(pixel, blur, weight, limit, 8), 8) |
                Vector.ShiftLeft(Channel(pixel, blur, weight, limit, 16), 16) | (pixel & new Vector<uint>(0xFF000000u));
            // Fully transparent pixels are left as they are.
            Vector<uint> transparent = Vector.Equals(Vector.ShiftRightLogical(pixel, 24), Vector<uint>.Zero);
            Vector.ConditionalSelect(transparent, pixel, sharpened).StoreUnsafe(ref pixels, (nuint)x);
        }

        return x;

        static Vector<uint> Channel(Vector<uint> pixel, Vector<uint> blur, Vector<float> amount, Vector<int> threshold, int shift)
        {
            Vector<int> value = Vector.AsVectorInt32(Vector.ShiftRightLogical(pixel, shift) & new Vector<uint>(0xFF));
            Vector<int> difference = value - Vector.AsVectorInt32(Vector.ShiftRightLogical(blur, shift) & new Vector<uint>(0xFF));
            Vector<int> result = VectorMath.ToByte(VectorMath.MultiplyAdd(amount, Vector.ConvertToSingle(difference), Vector.ConvertToSingle(value)));
            return Vector.AsVectorUInt32(Vector.ConditionalSelect(Vector.GreaterThan(Vector.Abs(difference), threshold), result, value));
        }
    }

    /// <summary><see cref="CpuBackend.Grayscale"/>: Rec. 601 luma of R, G, B, rounded, alpha kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Grayscale(Span<uint> row)
    {
        ref uint pixels = ref MemoryMarshal.GetReference(row);
        int x = 0;
        for (; x <= row.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<uint> pixel = Vector.LoadUnsafe(ref pixels, (nuint)x);
            Vector<uint> gray = Vector.AsVectorUInt32(VectorMath.ToByte(Luma(Channel(pixel, 0), Channel(pixel, 8), Channel(pixel, 16))));
            (gray | Vector.ShiftLeft(gray, 8) | Vector.ShiftLeft(gray, 16) | (pixel & new Vector<uint>(0xFF000000u))).StoreUnsafe(ref pixels, (nuint)x);
        }

        return x;
    }

    /// <summary><see cref="CpuBackend.Opacity"/>: alpha times the opacity, rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Opacity(Span<uint> row, float opacity)
    {
        ref uint pixels = ref MemoryMarshal.GetReference(row);
        Vector<float> factor = new(opacity);
        int x = 0;
        for (; x <= row.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<uint> pixel = Vector.LoadUnsafe(ref pixels, (nuint)x);
            Vector<uint> alpha = Vector.AsVectorUInt32(VectorMath.ToByte(Channel(pixel, 24) * factor));
            ((pixel & new Vector<uint>(0x00FFFFFFu)) | Vector.ShiftLeft(alpha, 24)).StoreUnsafe(ref pixels, (nuint)x);
        }

        return x;
    }

    /// <summary>The saturation step of <see cref="CpuBackend.ColorAdjustment"/> on pixels whose R, G, B went through the
    /// table already: each channel moved from the luma L to round(fma(saturation, c - L, L)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Saturate(Span<uint> row, float saturation)
    {
        ref uint pixels = ref MemoryMarshal.GetReference(row);
        Vector<float> factor = new(saturation);
        int x = 0;
        for (; x <= row.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<uint> pixel = Vector.LoadUnsafe(ref pixels, (nuint)x);
            Vector<float> r = Channel(pixel, 0), g = Channel(pixel, 8), b = Channel(pixel, 16);
            Vector<float> luma = Luma(r, g, b);
            Vector<uint> red = Vector.AsVectorUInt32(VectorMath.ToByte(VectorMath.MultiplyAdd(factor, r - luma, luma)));
            Vector<uint> green = Vector.AsVectorUInt32(VectorMath.ToByte(VectorMath.MultiplyAdd(factor, g - luma, luma)));
            Vector<uint> blue = Vector.AsVectorUInt32(VectorMath.ToByte(VectorMath.MultiplyAdd(factor, b - luma, luma)));
            (red | Vector.ShiftLeft(green, 8) | Vector.ShiftLeft(blue, 16) | (pixel & new Vector<uint>(0xFF000000u))).StoreUnsafe(ref pixels, (nuint)x);
        }

        return x;
    }

    /// <summary>
    /// <see cref="CpuBackend.FillGradient"/> for one row: t = column term + row term (its square root when radial),
    /// clamped to 0..1 (by comparisons: the terms are finite, and a -0 clamps to +0 as MathF.Max does), folded when
    /// seamless, then each channel round(fma(t, to - from, from)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Gradient(Span<uint> row, ReadOnlySpan<float> columns, float rowTerm, uint from, uint to, bool radial, bool seamless)
    {
        ref uint pixels = ref MemoryMarshal.GetReference(row);
        ref float terms = ref MemoryMarshal.GetReference(columns);
        Vector<float> rowTerms = new(rowTerm);
        Vector<float> one = Vector<float>.One;
        Vector<float> half = new(0.5f);
        Vector<float> two = new(2f);
        int x = 0;
        for (; x <= row.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<float> t = Vector.LoadUnsafe(ref terms, (nuint)x) + rowTerms;
            if (radial)
            {
                t = Vector.SquareRoot(t);
            }

            t = Vector.ConditionalSelect(Vector.GreaterThan(t, Vector<float>.Zero), t, Vector<float>.Zero);
            t = Vector.ConditionalSelect(Vector.LessThan(t, one), t, one);
            if (seamless)
            {
                t = Vector.ConditionalSelect(Vector.LessThan(t, half), t * two, (one - t) * two);
            }

            (Blend(t, from, to, 0) | Vector.ShiftLeft(Blend(t, from, to, 8), 8) | Vector.ShiftLeft(Blend(t, from, to, 16), 16) |
                Vector.ShiftLeft(Blend(t, from, to, 24), 24)).StoreUnsafe(ref pixels, (nuint)x);
        }

        return x;

        static Vector<uint> Blend(Vector<float> t, uint from, uint to, int shift)
        {
            float a = (from >> shift) & 0xFF;
            float b = (to >> shift) & 0xFF;
            return Vector.AsVectorUInt32(VectorMath.ToByte(VectorMath.MultiplyAdd(t, new Vector<float>(b - a), new Vector<float>(a))));
        }
    }

    /// <summary>
    /// <see cref="CpuBackend.ColorKey"/> for one row: the distance to the key colour, t from the tolerance and softness
    /// (a ramp, or a step without softness), alpha times t rounded where t is under 1 (a pixel whose alpha becomes 0 turns
    /// transparent black), then the spill channel limited to the mean of the other two, rounded up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ColorKey(Span<uint> row, float keyR, float keyG, float keyB, float tolerance, float softness, int spillChannel)
    {
        ref uint pixels = ref MemoryMarshal.GetReference(row);
        Vector<float> one = Vector<float>.One;
        Vector<float> toleranceLanes = new(tolerance);
        Vector<float> softnessLanes = new(softness);
        Vector<uint> bytes = new(0xFF);
        int x = 0;
        for (; x <= row.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<uint> pixel = Vector.LoadUnsafe(ref pixels, (nuint)x);
            Vector<uint> r = pixel & bytes, g = Vector.ShiftRightLogical(pixel, 8) & bytes, b = Vector.ShiftRightLogical(pixel, 16) & bytes;
            Vector<uint> alpha = Vector.ShiftRightLogical(pixel, 24);
            Vector<float> dr = Vector.ConvertToSingle(Vector.AsVectorInt32(r)) - new Vector<float>(keyR);
            Vector<float> dg = Vector.ConvertToSingle(Vector.AsVectorInt32(g)) - new Vector<float>(keyG);
            Vector<float> db = Vector.ConvertToSingle(Vector.AsVectorInt32(b)) - new Vector<float>(keyB);
            Vector<float> sum = VectorMath.MultiplyAdd(db, db, VectorMath.MultiplyAdd(dg, dg, dr * dr));
            Vector<float> distance = Vector.SquareRoot(sum);
            Vector<float> t;
            if (softness > 0f)
            {
                t = (distance - toleranceLanes) / softnessLanes;
                t = Vector.ConditionalSelect(Vector.LessThan(t, Vector<float>.Zero), Vector<float>.Zero, t);
                t = Vector.ConditionalSelect(Vector.GreaterThan(t, one), one, t);
            }
            else
            {
                t = Vector.ConditionalSelect(Vector.GreaterThan(distance, toleranceLanes), one, Vector<float>.Zero);
            }

            Vector<int> faded = Vector.LessThan(t, one);
            Vector<uint> scaled = Vector.AsVectorUInt32(VectorMath.ToByte(Vector.ConvertToSingle(Vector.AsVectorInt32(alpha)) * t));
            alpha = Vector.ConditionalSelect(Vector.AsVectorUInt32(faded), scaled, alpha);
            Vector<uint> cleared = Vector.AsVectorUInt32(faded) & Vector.Equals(alpha, Vector<uint>.Zero);
            switch (spillChannel)
            {
                case 0: r = Vector.Min(r, Vector.ShiftRightLogical(g + b + Vector<uint>.One, 1)); break;
                case 1: g = Vector.Min(g, Vector.ShiftRightLogical(r + b + Vector<uint>.One, 1)); break;
                case 2: b = Vector.Min(b, Vector.ShiftRightLogical(r + g + Vector<uint>.One, 1)); break;
            }

            Vector<uint> keyed = r | Vector.ShiftLeft(g, 8) | Vector.ShiftLeft(b, 16) | Vector.ShiftLeft(alpha, 24);
            Vector.AndNot(keyed, cleared).StoreUnsafe(ref pixels, (nuint)x);
        }

        return x;
    }

    /// <summary>
    /// <see cref="CpuBackend.Overlay"/> for one row: each pixel of <paramref name="over"/> composited source-over the pixel
    /// of <paramref name="under"/> at the same index, its alpha times <paramref name="opacity"/>. A transparent source
    /// leaves the pixel as it was, and a result whose alpha rounds to 0 is transparent black, as in the scalar path; the
    /// lanes compute everything and the selects pick.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Overlay(Span<uint> under, ReadOnlySpan<uint> over, float opacity)
    {
        ref uint target = ref MemoryMarshal.GetReference(under);
        ref uint source = ref MemoryMarshal.GetReference(over);
        Vector<float> factor = new(opacity);
        Vector<float> scale = new(255f);
        int x = 0;
        for (; x <= under.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<uint> s = Vector.LoadUnsafe(ref source, (nuint)x);
            Vector<uint> d = Vector.LoadUnsafe(ref target, (nuint)x);
            Vector<float> sa = Channel(s, 24) / scale * factor;
            Vector<float> da = Channel(d, 24) / scale;
            Vector<float> dw = da * (Vector<float>.One - sa);
            Vector<float> outA = sa + dw;
            Vector<uint> alpha = Vector.AsVectorUInt32(VectorMath.ToByte(outA * scale));
            Vector<uint> composite = Blend(s, d, 0, sa, dw, outA) | Vector.ShiftLeft(Blend(s, d, 8, sa, dw, outA), 8) |
                Vector.ShiftLeft(Blend(s, d, 16, sa, dw, outA), 16) | Vector.ShiftLeft(alpha, 24);
            composite = Vector.AndNot(composite, Vector.Equals(alpha, Vector<uint>.Zero));
            Vector.ConditionalSelect(Vector.AsVectorUInt32(Vector.Equals(sa, Vector<float>.Zero)), d, composite).StoreUnsafe(ref target, (nuint)x);
        }

        return x;

        static Vector<uint> Blend(Vector<uint> s, Vector<uint> d, int shift, Vector<float> sa, Vector<float> dw, Vector<float> outA) =>
            Vector.AsVectorUInt32(VectorMath.ToByte(VectorMath.MultiplyAdd(Channel(s, shift), sa, Channel(d, shift) * dw) / outA));
    }

    /// <summary>
    /// <see cref="CpuBackend.DifferenceHistograms"/>'s differences for one row: |a - b| of each byte (channel) as the
    /// larger minus the smaller, which never wraps, and each pixel's largest channel difference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int AbsoluteDifferences(ReadOnlySpan<uint> first, ReadOnlySpan<uint> second, Span<uint> differences, Span<uint> largest)
    {
        ref uint a = ref MemoryMarshal.GetReference(first);
        ref uint b = ref MemoryMarshal.GetReference(second);
        ref uint d = ref MemoryMarshal.GetReference(differences);
        ref uint m = ref MemoryMarshal.GetReference(largest);
        int x = 0;
        for (; x <= first.Length - Vector<uint>.Count; x += Vector<uint>.Count)
        {
            Vector<byte> left = Vector.AsVectorByte(Vector.LoadUnsafe(ref a, (nuint)x));
            Vector<byte> right = Vector.AsVectorByte(Vector.LoadUnsafe(ref b, (nuint)x));
            Vector<byte> difference = Vector.Max(left, right) - Vector.Min(left, right);
            Vector.AsVectorUInt32(difference).StoreUnsafe(ref d, (nuint)x);

            // Each byte against the one above it, then each pair against the pair above: the low byte ends up the largest
            // of the four (the bytes shifted in from above are zeros, which never win).
            Vector<byte> pairs = Vector.Max(difference, Vector.AsVectorByte(Vector.ShiftRightLogical(Vector.AsVectorUInt32(difference), 8)));
            Vector<byte> four = Vector.Max(pairs, Vector.AsVectorByte(Vector.ShiftRightLogical(Vector.AsVectorUInt32(pairs), 16)));
            (Vector.AsVectorUInt32(four) & new Vector<uint>(0xFF)).StoreUnsafe(ref m, (nuint)x);
        }

        return x;
    }

    /// <summary>The 8-bit channel at <paramref name="shift"/> as a float (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Channel(Vector<uint> pixel, int shift) =>
        Vector.ConvertToSingle(Vector.AsVectorInt32(Vector.ShiftRightLogical(pixel, shift) & new Vector<uint>(0xFF)));

    /// <summary><see cref="Cpu.Luma.Of"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Luma(Vector<float> r, Vector<float> g, Vector<float> b)
    {
        Vector<float> l = new Vector<float>(Cpu.Luma.Red) * r;
        l = VectorMath.MultiplyAdd(new Vector<float>(Cpu.Luma.Green), g, l);
        return VectorMath.MultiplyAdd(new Vector<float>(Cpu.Luma.Blue), b, l);
    }
}
