namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Overlay(PixelBuffer target, int width, int height, PixelBuffer overlay, int overlayWidth, int overlayHeight,
        int x, int y, float opacity)
    {
        long count = (long)width * height;
        long overlayCount = (long)overlayWidth * overlayHeight;
        CpuPixelBuffer destination = Own(target);
        CpuPixelBuffer source = Own(overlay);
        ClippedRegion region = ClippedRegion.Placed(overlayWidth, overlayHeight, width, height, x, y);
        if (region.IsEmpty)
        {
            return;
        }

        // The covered rectangle of the target, [left, right) x [top, bottom).
        (int left, int top, int right, int bottom) = region.Destination;

        bool vectorized = Vectorized;
        ForEachRow(right - left, bottom - top, row =>
        {
            int ty = top + row;
            Span<uint> under = destination.Pixels(count).Slice(ty * width + left, right - left);
            ReadOnlySpan<uint> over = source.Pixels(overlayCount).Slice((ty - y) * overlayWidth + (left - x), right - left);
            for (int i = vectorized ? VectorPixels.Overlay(under, over, opacity) : 0; i < under.Length; i++)
            {
                under[i] = Over(over[i], under[i], opacity);
            }
        });
    }

    private static uint Over(uint s, uint d, float opacity)
    {
        float sa = (s >> 24) / 255f * opacity;
        if (sa == 0f)
        {
            return d;
        }

        float da = (d >> 24) / 255f;
        float dw = da * (1f - sa);
        float outA = sa + dw;
        uint alpha = Premultiplied.ToByte(outA * 255f);
        if (alpha == 0)
        {
            return 0;
        }

        return Channel(s, d, 0, sa, dw, outA) | Channel(s, d, 8, sa, dw, outA) << 8 | Channel(s, d, 16, sa, dw, outA) << 16 | alpha << 24;

        static uint Channel(uint s, uint d, int shift, float sa, float dw, float outA)
        {
            float sc = (s >> shift) & 0xFF;
            float dc = (d >> shift) & 0xFF;
            return Premultiplied.ToByte(MathF.FusedMultiplyAdd(sc, sa, dc * dw) / outA);
        }
    }
}
