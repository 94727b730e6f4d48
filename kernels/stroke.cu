// A stroke from a distance field, in place, as CpuBackend.Stroke does. One thread per pixel.
#include "layer_compose.cuh"

#define NO_TARGET 2147483647

extern "C" __global__ void stroke(uint* pixels, const int* distances, long long count, float reach, uint color, int inner)
{
    long long i = global_index();
    if (i >= count) return;
    int d2 = distances[i];
    if (d2 == 0 || d2 == NO_TARGET) return;
    float coverage = clamp_f(reach - sqrt_f((float)d2), 0.0f, 1.0f);
    float alpha = (float)(color >> 24) * coverage;
    if (alpha == 0.0f) return;
    uint p = pixels[i];
    pixels[i] = inner ? layer_atop_pixel(p, color, alpha) : pixel_over_layer(p, color, alpha);
}
