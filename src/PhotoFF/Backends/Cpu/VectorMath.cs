using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The scalar reference's float operations on the lanes of <see cref="Vector{T}"/>: each lane computes exactly what the
/// scalar code computes for one value, so the vectorized operations give the same bits. Multiplies, divides, adds and
/// conversions of <see cref="Vector{T}"/> are IEEE float32 per lane already; a fused multiply-add is not in .NET 8's
/// portable API, so it is taken from the hardware (FMA3, AVX-512F, AdvSimd), and without one the backend stays scalar.
/// </summary>
internal static class VectorMath
{
    private const float TwoToThe23 = 8388608f;

    private const int TwoToThe23Bits = 0x4B000000;

    /// <summary>Whether <see cref="Vector{T}"/> is accelerated and has a fused multiply-add of its width here.</summary>
    public static bool IsSupported =>
        Vector.IsHardwareAccelerated && (Vector<float>.Count == 8 ? Fma.IsSupported
            : Vector<float>.Count == 16 ? Avx512F.IsSupported
            : Vector<float>.Count == 4 && (AdvSimd.IsSupported || Fma.IsSupported));

    /// <summary>a x b + c rounded once, as <see cref="MathF.FusedMultiplyAdd"/> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c)
    {
        if (Vector<float>.Count == 8 && Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a.AsVector256(), b.AsVector256(), c.AsVector256()).AsVector();
        }

        if (Vector<float>.Count == 16 && Avx512F.IsSupported)
        {
            return Avx512F.FusedMultiplyAdd(a.AsVector512(), b.AsVector512(), c.AsVector512()).AsVector();
        }

        if (Vector<float>.Count == 4)
        {
            return MultiplyAdd(a.AsVector128(), b.AsVector128(), c.AsVector128()).AsVector();
        }

        throw new PlatformNotSupportedException("No fused multiply-add for Vector<float> here; the CPU backend runs its scalar path.");
    }

    /// <summary>a x b + c rounded once, per lane of eight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported
            ? Fma.MultiplyAdd(a, b, c)
            : throw new PlatformNotSupportedException("No fused multiply-add for Vector256<float> here; the CPU backend runs its scalar path.");

    /// <summary>a x b + c rounded once, per lane of four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.FusedMultiplyAdd(c, a, b);
        }

        throw new PlatformNotSupportedException("No fused multiply-add for Vector128<float> here; the CPU backend runs its scalar path.");
    }

    /// <summary>
    /// <see cref="Premultiplied.ToByte"/> per lane: round half away from zero, clamp to 0..255. Clamping first gives the
    /// same result (rounding is monotonic and the bounds are integers) and keeps the conversion to int exact; the
    /// fraction v - floor(v) of a value in 0..255 is exact too. Comparisons rather than min/max, so that a NaN lane
    /// (0 / 0 where alpha is 0, which callers mask out) becomes 0 on every platform.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> ToByte(Vector<float> value)
    {
        Vector<float> max = new(255f);
        Vector<float> positive = Vector.ConditionalSelect(Vector.GreaterThan(value, Vector<float>.Zero), value, Vector<float>.Zero);
        Vector<float> clamped = Vector.ConditionalSelect(Vector.LessThan(positive, max), positive, max);
        Vector<float> whole = Vector.Floor(clamped);
        // An integer 0..255 plus 2^23 is exact and holds the integer in its low mantissa bits: a cheaper conversion than
        // ConvertToInt32, whose saturating form costs several instructions on newer runtimes.
        Vector<int> integer = Vector.AsVectorInt32(whole + new Vector<float>(TwoToThe23)) - new Vector<int>(TwoToThe23Bits);
        // The comparison gives -1 where the fraction is at least one half: subtracting it rounds up.
        return integer - Vector.GreaterThanOrEqual(clamped - whole, new Vector<float>(0.5f));
    }
}
