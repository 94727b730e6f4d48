using System.Runtime.CompilerServices;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// Conversions between straight RGBA8 and premultiplied float values (0..255 scale), written operation by
/// operation as <c>kernels/pixel.cuh</c> does, so that both backends round the same way.
/// </summary>
internal static class Premultiplied
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float R, float G, float B, float A) FromRgba(uint pixel)
    {
        float a = pixel >> 24;
        float scale = a / 255f;
        return ((pixel & 0xFF) * scale, ((pixel >> 8) & 0xFF) * scale, ((pixel >> 16) & 0xFF) * scale, a);
    }

    /// <summary>Back to straight RGBA8: alpha rounds first; a pixel whose alpha rounds to 0 is transparent black.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToRgba(float r, float g, float b, float a)
    {
        uint alpha = ToByte(a);
        if (alpha == 0)
        {
            return 0;
        }

        return ToByte(r * 255f / a) | ToByte(g * 255f / a) << 8 | ToByte(b * 255f / a) << 16 | alpha << 24;
    }

    /// <summary>Rounds half away from zero (C's roundf) and clamps to 0..255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToByte(float value)
    {
        float rounded = RoundHalfAwayFromZero(value);
        return rounded <= 0f ? 0u : rounded >= 255f ? 255u : (uint)rounded;
    }

    /// <summary>
    /// <see cref="MathF.Round(float, MidpointRounding)"/> with <see cref="MidpointRounding.AwayFromZero"/>: the value plus
    /// the float just below a half, toward its sign, truncated. This is how .NET 9 and later compute that rounding, with no
    /// branch; .NET 8, where PowerShell 7.4 runs the module, calls into the C runtime for each value instead, which made
    /// rounding most of the time of the scalar operations there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundHalfAwayFromZero(float value) => MathF.Truncate(value + MathF.CopySign(JustBelowHalf, value));

    /// <summary>The largest float below one half.</summary>
    public const float JustBelowHalf = 0.49999997f;
}
