using System.Runtime.CompilerServices;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// Composites a pixel with a layer of one colour at a float alpha (0..255), as <c>kernels/layer_compose.cuh</c> does,
/// operation by operation, so that both backends round the same way. Used by the stroke and the shadow.
/// </summary>
internal static class LayerCompose
{
    /// <summary>The pixel over the layer (source-over on premultiplied values): what lies under the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint PixelOverLayer(uint pixel, uint color, float alpha)
    {
        (float r, float g, float b, float a) = Premultiplied.FromRgba(pixel);
        float scale = alpha / 255f;
        float uncovered = (255f - a) / 255f;
        return Premultiplied.ToRgba(
            MathF.FusedMultiplyAdd((color & 0xFF) * scale, uncovered, r),
            MathF.FusedMultiplyAdd(((color >> 8) & 0xFF) * scale, uncovered, g),
            MathF.FusedMultiplyAdd(((color >> 16) & 0xFF) * scale, uncovered, b),
            MathF.FusedMultiplyAdd(alpha, uncovered, a));
    }

    /// <summary>The layer over the pixel inside the pixel's own alpha (source-atop): straight colour blended by
    /// alpha / 255, alpha kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LayerAtopPixel(uint pixel, uint color, float alpha)
    {
        float share = alpha / 255f;
        return Blend(pixel, color, share, 0) | Blend(pixel, color, share, 8) | Blend(pixel, color, share, 16) | (pixel & 0xFF000000u);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Blend(uint pixel, uint color, float share, int shift)
    {
        int under = (int)((pixel >> shift) & 0xFF);
        int over = (int)((color >> shift) & 0xFF);
        return Premultiplied.ToByte(MathF.FusedMultiplyAdd(share, over - under, under)) << shift;
    }
}
