using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// A vector of floats of one width, for the loops that are all fused multiply-adds (the blur's sums): written once over
/// this interface, they run on <see cref="Vector{T}"/> (<see cref="NarrowLanes"/>) or, where the CPU has AVX-512, on
/// sixteen lanes (<see cref="WideLanes"/>), which does the same float32 operation per lane with half the instructions.
/// .NET keeps <see cref="Vector{T}"/> at eight lanes on AVX-512 hardware unless the process is started with
/// DOTNET_MaxVectorTBitWidth=512, which a module cannot ask of the pwsh that loads it. Generic methods over these structs
/// are compiled once per width, so the calls below cost nothing.
/// </summary>
internal interface IFloatLanes<TSelf>
    where TSelf : struct, IFloatLanes<TSelf>
{
    /// <summary>Floats in one vector: a whole number of <see cref="Vector{T}"/>s.</summary>
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf Broadcast(float value);

    static abstract TSelf Load(ref float source, nuint offset);

    /// <summary>a x b + c rounded once per lane, as <see cref="MathF.FusedMultiplyAdd"/>.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    void Store(ref float target, nuint offset);

    /// <summary><see cref="Count"/> pixels of straight RGBA8 from premultiplied channels, as
    /// <see cref="PlanarPixels.ToRgba(Vector{float}, Vector{float}, Vector{float}, Vector{float})"/> makes them, stored at
    /// <paramref name="offset"/>.</summary>
    static abstract void StoreRgba(TSelf r, TSelf g, TSelf b, TSelf a, ref uint target, nuint offset);
}

/// <summary>The widths the CPU backend's fused multiply-add loops may run on here.</summary>
internal static class FloatLanes
{
    /// <summary>Whether <see cref="WideLanes"/> runs here: AVX-512 (F and BW) with eight-lane <see cref="Vector{T}"/> beside
    /// it.</summary>
    public static bool WideSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx512BW.IsSupported && Vector<float>.Count == 8 && VectorMath.IsSupported;
}

/// <summary><see cref="Vector{T}"/>'s lanes, with <see cref="VectorMath.MultiplyAdd(Vector{float}, Vector{float}, Vector{float})"/>.</summary>
internal readonly struct NarrowLanes : IFloatLanes<NarrowLanes>
{
    private readonly Vector<float> value;

    private NarrowLanes(Vector<float> value) => this.value = value;

    public static int Count => Vector<float>.Count;

    public static NarrowLanes Zero => new(Vector<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLanes Broadcast(float value) => new(new Vector<float>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLanes Load(ref float source, nuint offset) => new(Vector.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NarrowLanes MultiplyAdd(NarrowLanes a, NarrowLanes b, NarrowLanes c) => new(VectorMath.MultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float target, nuint offset) => value.StoreUnsafe(ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreRgba(NarrowLanes r, NarrowLanes g, NarrowLanes b, NarrowLanes a, ref uint target, nuint offset) =>
        PlanarPixels.ToRgba(r.value, g.value, b.value, a.value).StoreUnsafe(ref target, offset);
}

/// <summary>Sixteen lanes of AVX-512 (<see cref="FloatLanes.WideSupported"/>), handed on as two eight-lane halves.</summary>
internal readonly struct WideLanes : IFloatLanes<WideLanes>
{
    private readonly Vector512<float> value;

    private WideLanes(Vector512<float> value) => this.value = value;

    public static int Count => Vector512<float>.Count;

    public static WideLanes Zero => new(Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideLanes Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideLanes Load(ref float source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideLanes MultiplyAdd(WideLanes a, WideLanes b, WideLanes c) => new(Avx512F.FusedMultiplyAdd(a.value, b.value, c.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float target, nuint offset) => value.StoreUnsafe(ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreRgba(WideLanes r, WideLanes g, WideLanes b, WideLanes a, ref uint target, nuint offset) =>
        PlanarPixels.ToRgba(r.value, g.value, b.value, a.value).StoreUnsafe(ref target, offset);
}
