// A shadow from a distance field, in place, as CpuBackend.Shadow does. One thread per pixel.
#include "layer_compose.cuh"

#define NO_TARGET 2147483647
#define SHAPE_ALPHA 128u

// 1 inside the offset shape, then 1 - smoothstep of the distance from its edge over the radius (a radius of 0 gives
// +infinity before the clamp: a hard edge).
DEVICE float falloff(int d2, float radius)
{
    if (d2 == 0) return 1.0f;
    float t = clamp_f((sqrt_f((float)d2) - 0.5f) / radius, 0.0f, 1.0f);
    float twice = 2.0f * t;
    float slope = 3.0f - twice;
    float square = t * t;
    float step = square * slope;
    return 1.0f - step;
}

extern "C" __global__ void shadow(uint* pixels, const int* distances, long long count, float radius, float alpha, uint color, int inner)
{
    long long i = global_index();
    if (i >= count) return;
    int d2 = distances[i];
    if (d2 == NO_TARGET) return;
    uint p = pixels[i];
    if (inner && (p >> 24) < SHAPE_ALPHA) return;
    float shade = alpha * falloff(d2, radius);
    if (shade == 0.0f) return;
    pixels[i] = inner ? layer_atop_pixel(p, color, shade) : pixel_over_layer(p, color, shade);
}
