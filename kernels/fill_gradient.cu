// Gradient fill in straight RGBA, as CpuBackend.FillGradient computes it. The position along the gradient comes from
// per-column and per-row terms that the host computed in double (terms[0..width) then terms[width..width+height)).
#include "pixel.cuh"

DEVICE uint blend_channel(uint from, uint to, float t, int shift)
{
    float a = (float)((from >> shift) & 0xFFu);
    float b = (float)((to >> shift) & 0xFFu);
    return to_byte(fma_f(t, b - a, a));
}

extern "C" __global__ void fill_gradient(uint* pixels, int width, int height, uint from, uint to, const float* terms, int radial, int seamless)
{
    int x = global_x(), y = global_y();
    if (x >= width || y >= height) return;
    float t = load_nc(terms + x) + load_nc(terms + width + y);
    if (radial) t = sqrt_f(t);
    t = min_f(max_f(t, 0.0f), 1.0f);
    if (seamless) t = t < 0.5f ? t * 2.0f : (1.0f - t) * 2.0f;
    pixels[(long)y * width + x] = blend_channel(from, to, t, 0) | (blend_channel(from, to, t, 8) << 8)
        | (blend_channel(from, to, t, 16) << 16) | (blend_channel(from, to, t, 24) << 24);
}
