using System.Runtime.CompilerServices;

namespace PhotoFF.Backends.Cpu;

/// <summary>Pixel coverage of a rounded rectangle, as <c>kernels/corner_radius.cu</c> computes it.</summary>
internal static class RoundedRectangle
{
    /// <summary>
    /// The fraction (0..1) of pixel (x, y) inside a <paramref name="width"/> x <paramref name="height"/> rectangle whose
    /// corners are circles of <paramref name="radius"/>: one minus the distance of the pixel centre past the circle,
    /// plus a half, clamped (a one-pixel anti-aliased ramp centred on the edge).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Coverage(int x, int y, int width, int height, float radius)
    {
        float px = x + 0.5f;
        float py = y + 0.5f;
        float dx = MathF.Max(MathF.Max(radius - px, px - (width - radius)), 0f);
        float dy = MathF.Max(MathF.Max(radius - py, py - (height - radius)), 0f);
        if (dx == 0f || dy == 0f)
        {
            return 1f;
        }

        float distance = MathF.Sqrt(MathF.FusedMultiplyAdd(dx, dx, dy * dy));
        return Math.Clamp(radius - distance + 0.5f, 0f, 1f);
    }
}
