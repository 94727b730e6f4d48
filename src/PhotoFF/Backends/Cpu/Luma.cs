using System.Runtime.CompilerServices;

namespace PhotoFF.Backends.Cpu;

/// <summary>Rec. 601 luma of 8-bit R, G, B, summed as <c>luma</c> in <c>kernels/color.cu</c> does.</summary>
internal static class Luma
{
    public const float Red = 0.299f;
    public const float Green = 0.587f;
    public const float Blue = 0.114f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(uint r, uint g, uint b)
    {
        float l = Red * r;
        l = MathF.FusedMultiplyAdd(Green, g, l);
        return MathF.FusedMultiplyAdd(Blue, b, l);
    }
}
