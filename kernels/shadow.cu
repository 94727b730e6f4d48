// A shadow from a distance field, in place, as CpuBackend.Shadow does. One thread per pixel.
#include "effects.cuh"

extern "C" __global__ void shadow(uint* pixels, const int* distances, long long count, float radius, float alpha, uint color, int inner)
{
    long long i = global_index();
    if (i >= count) return;
    int d2 = distances[i];
    if (d2 == NO_TARGET) return;
    uint p = pixels[i];
    uint q = shadow_pixel(p, d2, radius, alpha, color, inner);
    if (q != p) pixels[i] = q;
}
