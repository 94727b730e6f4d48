using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// Pixels as four planes of premultiplied float values (R, G, B and A, each a run of floats): the layout in which the
/// vectorized filters work lane by lane, one pixel a lane. The conversions compute, lane for lane, exactly what
/// <see cref="Premultiplied.FromRgba"/> and <see cref="Premultiplied.ToRgba"/> compute for one pixel.
/// </summary>
internal static class PlanarPixels
{
    /// <summary>Pixels <see cref="TryFromOpaqueRgba"/> converts between tests of their alpha (a power of two).</summary>
    private const int ChunkPixels = 64;

    /// <summary>
    /// Premultiplies <paramref name="pixels"/> into the planes, from index 0; each plane holds at least as many floats as
    /// there are pixels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromRgba(ReadOnlySpan<uint> pixels, Span<float> r, Span<float> g, Span<float> b, Span<float> a)
    {
        int count = pixels.Length;
        if (r.Length < count || g.Length < count || b.Length < count || a.Length < count)
        {
            throw new ArgumentException($"The planes hold fewer than {count} values.");
        }

        ref uint source = ref MemoryMarshal.GetReference(pixels);
        ref float red = ref MemoryMarshal.GetReference(r);
        ref float green = ref MemoryMarshal.GetReference(g);
        ref float blue = ref MemoryMarshal.GetReference(b);
        ref float alpha = ref MemoryMarshal.GetReference(a);
        int x = 0;
        for (; x <= count - Vector<float>.Count; x += Vector<float>.Count)
        {
            nuint at = (nuint)x;
            Vector<uint> pixel = Vector.LoadUnsafe(ref source, at);
            Vector<float> opacity = VectorPixels.Channel(pixel, 24);
            Vector<float> scale = opacity / new Vector<float>(255f);
            (VectorPixels.Channel(pixel, 0) * scale).StoreUnsafe(ref red, at);
            (VectorPixels.Channel(pixel, 8) * scale).StoreUnsafe(ref green, at);
            (VectorPixels.Channel(pixel, 16) * scale).StoreUnsafe(ref blue, at);
            opacity.StoreUnsafe(ref alpha, at);
        }

        for (; x < count; x++)
        {
            (r[x], g[x], b[x], a[x]) = Premultiplied.FromRgba(pixels[x]);
        }
    }

    /// <summary>
    /// <see cref="FromRgba"/> of pixels that are all opaque, without the alpha plane: their scale, 255 / 255, is exactly 1
    /// and x x 1 = x, so each channel is its byte as a float. Returns whether the pixels were all opaque; where they were
    /// not, the planes hold some of their channels unscaled, and the caller converts them with <see cref="FromRgba"/>
    /// instead. Checking the alpha as the pixels are converted reads them once, where a check first read them twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFromOpaqueRgba(ReadOnlySpan<uint> pixels, Span<float> r, Span<float> g, Span<float> b)
    {
        int count = pixels.Length;
        if (r.Length < count || g.Length < count || b.Length < count)
        {
            throw new ArgumentException($"The planes hold fewer than {count} values.");
        }

        ref uint source = ref MemoryMarshal.GetReference(pixels);
        ref float red = ref MemoryMarshal.GetReference(r);
        ref float green = ref MemoryMarshal.GetReference(g);
        ref float blue = ref MemoryMarshal.GetReference(b);
        Vector<uint> opaque = new(0xFF000000u);
        Vector<uint> alphas = opaque;
        int x = 0;
        for (; x <= count - Vector<float>.Count; x += Vector<float>.Count)
        {
            nuint at = (nuint)x;
            Vector<uint> pixel = Vector.LoadUnsafe(ref source, at);
            alphas &= pixel;
            VectorPixels.Channel(pixel, 0).StoreUnsafe(ref red, at);
            VectorPixels.Channel(pixel, 8).StoreUnsafe(ref green, at);
            VectorPixels.Channel(pixel, 16).StoreUnsafe(ref blue, at);
            // Tested every few vectors, so that a row with alpha is given up early at the cost of one test per chunk.
            if ((x & (ChunkPixels - 1)) == ChunkPixels - Vector<float>.Count && alphas != opaque)
            {
                return false;
            }
        }

        for (; x < count; x++)
        {
            (r[x], g[x], b[x], _) = Premultiplied.FromRgba(pixels[x] | 0xFF000000u);
            alphas &= new Vector<uint>(pixels[x]);
        }

        return alphas == opaque;
    }

    /// <summary>Straight RGBA8 of one vector of premultiplied pixels: alpha rounds first; a pixel whose alpha rounds to
    /// 0 is transparent black.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> ToRgba(Vector<float> r, Vector<float> g, Vector<float> b, Vector<float> a)
    {
        Vector<float> full = new(255f);
        Vector<int> alpha = VectorMath.ToByte(a);
        Vector<int> red = VectorMath.ToByte(r * full / a);
        Vector<int> green = VectorMath.ToByte(g * full / a);
        Vector<int> blue = VectorMath.ToByte(b * full / a);
        Vector<int> packed = red | Vector.ShiftLeft(green, 8) | Vector.ShiftLeft(blue, 16) | Vector.ShiftLeft(alpha, 24);
        return Vector.AsVectorUInt32(Vector.AndNot(packed, Vector.Equals(alpha, Vector<int>.Zero)));
    }


    /// <summary>
    /// <see cref="ToRgba(Vector{float}, Vector{float}, Vector{float}, Vector{float})"/> on sixteen lanes (AVX-512), lane
    /// for lane the same for values below 2^31 (a channel here is at most 255 x its largest sum over alpha), in fewer
    /// instructions: the floor of each value plus the float just below a half (<see cref="VectorMath.ToByte(Vector{float})"/>)
    /// converts to an integer exactly, and two saturating packs clamp to 0..255 as the scalar code's clamp does, below 0
    /// (and NaN, which converts to the most negative integer) to 0 and above 255 to 255: the bounds are integers, which
    /// the floor keeps. A byte shuffle then interleaves the channels into pixels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> ToRgba(Vector512<float> r, Vector512<float> g, Vector512<float> b, Vector512<float> a)
    {
        Vector512<float> full = Vector512.Create(255f);
        Vector512<int> alpha = RoundedDown(a);
        Vector512<int> red = RoundedDown(r * full / a);
        Vector512<int> green = RoundedDown(g * full / a);
        Vector512<int> blue = RoundedDown(b * full / a);
        // Per 128-bit lane: red and green of its four pixels as saturated words, then blue and alpha; then all as
        // saturated bytes, R0-3 G0-3 B0-3 A0-3, shuffled to R0 G0 B0 A0 R1 ...
        Vector512<short> redGreen = Avx512BW.PackSignedSaturate(red, green);
        Vector512<short> blueAlpha = Avx512BW.PackSignedSaturate(blue, alpha);
        Vector512<byte> planar = Avx512BW.PackUnsignedSaturate(redGreen, blueAlpha);
        Vector512<uint> pixels = Avx512BW.Shuffle(planar, PixelOrder).AsUInt32();
        // Alpha rounds to 0 where its integer is 0 or below (a resize's negative lobes can make the sum negative).
        return Vector512.AndNot(pixels, Vector512.LessThanOrEqual(alpha, Vector512<int>.Zero).AsUInt32());

        static Vector512<int> RoundedDown(Vector512<float> value) =>
            Avx512F.ConvertToVector512Int32WithTruncation(Vector512.Floor(value + Vector512.Create(Premultiplied.JustBelowHalf)));
    }

    /// <summary>For <see cref="ToRgba(Vector512{float}, Vector512{float}, Vector512{float}, Vector512{float})"/>: within
    /// each 128-bit lane, byte i of pixel j comes from byte 4i + j.</summary>
    private static Vector512<byte> PixelOrder => Vector512.Create(
        (byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,
        0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,
        0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,
        0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}
