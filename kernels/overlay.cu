// The overlay composited source-over in place, as CpuBackend.Overlay computes it, operation by operation. The grid covers
// only the rectangle of the target that the overlay reaches: span_x x span_y pixels from (left, top).
#include "pixel.cuh"

DEVICE uint over_channel(uint s, uint d, int shift, float sa, float dw, float out_a)
{
    float sc = (float)((s >> shift) & 0xFFu);
    float dc = (float)((d >> shift) & 0xFFu);
    return to_byte(fma_f(sc, sa, dc * dw) / out_a);
}

extern "C" __global__ void overlay(uint* target, int width, const uint* overlay, int overlay_width,
    int left, int top, int x, int y, int span_x, int span_y, float opacity)
{
    int cx = global_x(), cy = global_y();
    if (cx >= span_x || cy >= span_y) return;
    int tx = left + cx, ty = top + cy;
    uint s = load_nc(overlay + (long)(ty - y) * overlay_width + (tx - x));
    float sa = (float)(s >> 24) / 255.0f * opacity;
    if (sa == 0.0f) return;
    uint* p = target + (long)ty * width + tx;
    uint d = *p;
    float da = (float)(d >> 24) / 255.0f;
    float dw = da * (1.0f - sa);
    float out_a = sa + dw;
    uint alpha = to_byte(out_a * 255.0f);
    if (alpha == 0u)
    {
        *p = 0u;
        return;
    }

    *p = over_channel(s, d, 0, sa, dw, out_a) | (over_channel(s, d, 8, sa, dw, out_a) << 8)
        | (over_channel(s, d, 16, sa, dw, out_a) << 16) | (alpha << 24);
}
