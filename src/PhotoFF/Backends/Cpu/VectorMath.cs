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
    /// <see cref="Premultiplied.ToByte"/> per lane: clamp to 0..255, then round half away from zero as the scalar code
    /// does, the value plus the float just below a half, truncated (a floor, the value being positive). Clamping first
    /// gives the same result (rounding is monotonic and the bounds are integers, which it keeps). A NaN lane (0 / 0 where
    /// alpha is 0, which callers mask out) becomes 0 on every platform.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> ToByte(Vector<float> value)
    {
        Vector<float> whole = Vector.Floor(ClampToByteRange(value) + new Vector<float>(Premultiplied.JustBelowHalf));
        // An integer 0..255 plus 2^23 is exact and holds the integer in its low mantissa bits: a cheaper conversion than
        // ConvertToInt32, whose saturating form costs several instructions on newer runtimes.
        return Vector.AsVectorInt32(whole + new Vector<float>(TwoToThe23)) - new Vector<int>(TwoToThe23Bits);
    }

    /// <summary>
    /// The value limited to 0..255, NaN to 0. x86's maxps returns its second operand where either is NaN, so max(value,
    /// 0) gives 0 for NaN in one instruction; elsewhere comparisons, which are false for NaN, do it (.NET's portable
    /// Max propagates NaN on newer runtimes, and costs several instructions on x86 for it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ClampToByteRange(Vector<float> value)
    {
        if (Vector<float>.Count == 8 && Avx.IsSupported)
        {
            return Avx.Min(Avx.Max(value.AsVector256(), Vector256<float>.Zero), Vector256.Create(255f)).AsVector();
        }

        if (Vector<float>.Count == 16 && Avx512F.IsSupported)
        {
            return Avx512F.Min(Avx512F.Max(value.AsVector512(), Vector512<float>.Zero), Vector512.Create(255f)).AsVector();
        }

        if (Vector<float>.Count == 4 && Sse.IsSupported)
        {
            return Sse.Min(Sse.Max(value.AsVector128(), Vector128<float>.Zero), Vector128.Create(255f)).AsVector();
        }

        Vector<float> max = new(255f);
        Vector<float> positive = Vector.ConditionalSelect(Vector.GreaterThan(value, Vector<float>.Zero), value, Vector<float>.Zero);
        return Vector.ConditionalSelect(Vector.LessThan(positive, max), positive, max);
    }
}
