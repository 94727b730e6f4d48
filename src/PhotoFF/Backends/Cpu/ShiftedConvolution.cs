using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The horizontal pass's sums of <see cref="VectorGaussianBlur"/> on AVX-512 with half its loads: the same fused
/// multiply-adds, in the same order, over the same values, so the same bits.
/// </summary>
/// <remarks>
/// Summed plainly, each tap of each of the eight vectors of a block loads sixteen values at an offset one float further
/// than the last, and fifteen offsets in sixteen cross a cache line: a load that costs two. Here the block's whole vectors
/// (sixteen floats apart, one per group of sixteen taps) are loaded once, and every other vector's taps are cut from two
/// of them in registers (valignd); the rest still load, so that the loads and the shuffles share the work. One core of the
/// development machine's EPYC summed a 768-column plane of 17 taps in 0.32 ns a pixel so, against 0.53-0.56 loading every
/// tap (all taps cut from registers: 0.42; one vector in four: 0.38).
/// </remarks>
internal static class ShiftedConvolution
{
    /// <summary>Vectors of sixteen sums made at once, as <see cref="VectorGaussianBlur"/>'s blocks.</summary>
    public const int Block = 8;

    private const int Lanes = 16;

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Floats past the last output that <see cref="Convolve"/> reads (and does not use) beyond those the kernel
    /// reaches: the whole vector after the block's last, for each group of sixteen taps.</summary>
    public static int Overread(int taps) => (taps - 1) / Lanes * Lanes + Lanes - (taps - 1);

    /// <summary>
    /// result[x] = sum over i of kernel[i] x values[x + i], fused multiply-adds in tap order, in blocks of eight vectors of
    /// sixteen; <paramref name="values"/> holds <see cref="Overread"/> floats more than the kernel reaches.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Convolve(ReadOnlySpan<float> values, float[] kernel, Span<float> result)
    {
        int taps = kernel.Length;
        if (values.Length < result.Length + taps - 1 + Overread(taps) || result.Length % (Block * Lanes) != 0)
        {
            throw new ArgumentException("The values do not cover the kernel's reach and the last whole vector over whole blocks.", nameof(values));
        }

        ref float source = ref MemoryMarshal.GetReference(values);
        ref float target = ref MemoryMarshal.GetReference(result);
        ref float weights = ref MemoryMarshal.GetArrayDataReference(kernel);
        for (int x = 0; x < result.Length; x += Block * Lanes)
        {
            Sums s = default;
            for (int group = 0; group < taps; group += Lanes)
            {
                ref float at = ref Unsafe.Add(ref source, x + group);
                Whole a = new(ref at);
                ref float w = ref Unsafe.Add(ref weights, group);
                s.AddWhole(Vector512.Create(w), a);
                int count = Math.Min(Lanes, taps - group);
                if (count < Lanes)
                {
                    // The last group, short of sixteen taps: loaded as the plain sums load them.
                    for (int t = 1; t < count; t++)
                    {
                        s.AddLoaded(Vector512.Create(Unsafe.Add(ref w, t)), ref Unsafe.Add(ref at, t));
                    }

                    continue;
                }

                // One tap a line, each with its shift as a constant: valignd takes it as an immediate.
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 1)), ref Unsafe.Add(ref at, 1), a, 1);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 2)), ref Unsafe.Add(ref at, 2), a, 2);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 3)), ref Unsafe.Add(ref at, 3), a, 3);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 4)), ref Unsafe.Add(ref at, 4), a, 4);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 5)), ref Unsafe.Add(ref at, 5), a, 5);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 6)), ref Unsafe.Add(ref at, 6), a, 6);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 7)), ref Unsafe.Add(ref at, 7), a, 7);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 8)), ref Unsafe.Add(ref at, 8), a, 8);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 9)), ref Unsafe.Add(ref at, 9), a, 9);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 10)), ref Unsafe.Add(ref at, 10), a, 10);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 11)), ref Unsafe.Add(ref at, 11), a, 11);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 12)), ref Unsafe.Add(ref at, 12), a, 12);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 13)), ref Unsafe.Add(ref at, 13), a, 13);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 14)), ref Unsafe.Add(ref at, 14), a, 14);
                s.AddShifted(Vector512.Create(Unsafe.Add(ref w, 15)), ref Unsafe.Add(ref at, 15), a, 15);
            }

            s.Store(ref Unsafe.Add(ref target, x));
        }
    }

    /// <summary>The nine whole vectors a group of taps reads for a block: the block's eight and the one after.</summary>
    private readonly ref struct Whole
    {
        public readonly Vector512<int> V0, V1, V2, V3, V4, V5, V6, V7, V8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Whole(ref float at)
        {
            V0 = Vector512.LoadUnsafe(ref at).AsInt32();
            V1 = Vector512.LoadUnsafe(ref at, Lanes).AsInt32();
            V2 = Vector512.LoadUnsafe(ref at, 2 * Lanes).AsInt32();
            V3 = Vector512.LoadUnsafe(ref at, 3 * Lanes).AsInt32();
            V4 = Vector512.LoadUnsafe(ref at, 4 * Lanes).AsInt32();
            V5 = Vector512.LoadUnsafe(ref at, 5 * Lanes).AsInt32();
            V6 = Vector512.LoadUnsafe(ref at, 6 * Lanes).AsInt32();
            V7 = Vector512.LoadUnsafe(ref at, 7 * Lanes).AsInt32();
            V8 = Vector512.LoadUnsafe(ref at, 8 * Lanes).AsInt32();
        }
    }

    /// <summary>The eight running sums of a block, independent so that their fused multiply-adds overlap.</summary>
    private struct Sums
    {
        private Vector512<float> s0, s1, s2, s3, s4, s5, s6, s7;

        /// <summary>The group's first tap: the whole vectors themselves.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddWhole(Vector512<float> weight, in Whole a)
        {
            s0 = Avx512F.FusedMultiplyAdd(weight, a.V0.AsSingle(), s0);
            s1 = Avx512F.FusedMultiplyAdd(weight, a.V1.AsSingle(), s1);
            s2 = Avx512F.FusedMultiplyAdd(weight, a.V2.AsSingle(), s2);
            s3 = Avx512F.FusedMultiplyAdd(weight, a.V3.AsSingle(), s3);
            s4 = Avx512F.FusedMultiplyAdd(weight, a.V4.AsSingle(), s4);
            s5 = Avx512F.FusedMultiplyAdd(weight, a.V5.AsSingle(), s5);
            s6 = Avx512F.FusedMultiplyAdd(weight, a.V6.AsSingle(), s6);
            s7 = Avx512F.FusedMultiplyAdd(weight, a.V7.AsSingle(), s7);
        }

        /// <summary>A tap whose sixteen values of each vector are loaded at <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddLoaded(Vector512<float> weight, ref float at)
        {
            s0 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at), s0);
            s1 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, Lanes), s1);
            s2 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 2 * Lanes), s2);
            s3 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 3 * Lanes), s3);
            s4 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 4 * Lanes), s4);
            s5 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 5 * Lanes), s5);
            s6 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 6 * Lanes), s6);
            s7 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 7 * Lanes), s7);
        }

        /// <summary>A tap <paramref name="shift"/> floats past the whole vectors: even vectors loaded at
        /// <paramref name="at"/>, odd ones cut from the whole vectors around them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddShifted(Vector512<float> weight, ref float at, in Whole a, [ConstantExpected(Min = 1, Max = 15)] byte shift)
        {
            s0 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at), s0);
            s1 = Avx512F.FusedMultiplyAdd(weight, Avx512F.AlignRight32(a.V2, a.V1, shift).AsSingle(), s1);
            s2 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 2 * Lanes), s2);
            s3 = Avx512F.FusedMultiplyAdd(weight, Avx512F.AlignRight32(a.V4, a.V3, shift).AsSingle(), s3);
            s4 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 4 * Lanes), s4);
            s5 = Avx512F.FusedMultiplyAdd(weight, Avx512F.AlignRight32(a.V6, a.V5, shift).AsSingle(), s5);
            s6 = Avx512F.FusedMultiplyAdd(weight, Vector512.LoadUnsafe(ref at, 6 * Lanes), s6);
            s7 = Avx512F.FusedMultiplyAdd(weight, Avx512F.AlignRight32(a.V8, a.V7, shift).AsSingle(), s7);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(ref float to)
        {
            s0.StoreUnsafe(ref to);
            s1.StoreUnsafe(ref to, Lanes);
            s2.StoreUnsafe(ref to, 2 * Lanes);
            s3.StoreUnsafe(ref to, 3 * Lanes);
            s4.StoreUnsafe(ref to, 4 * Lanes);
            s5.StoreUnsafe(ref to, 5 * Lanes);
            s6.StoreUnsafe(ref to, 6 * Lanes);
            s7.StoreUnsafe(ref to, 7 * Lanes);
        }
    }
}
