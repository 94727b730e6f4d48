// A stroke from a distance field, in place, as CpuBackend.Stroke does. One thread per pixel.
#include "effects.cuh"

extern "C" __global__ void stroke(uint* pixels, const int* distances, long long count, float reach, uint color, int inner)
{
    long long i = global_index();
    if (i >= count) return;
    int d2 = distances[i];
    if (d2 == 0 || d2 == NO_TARGET) return;
    uint p = pixels[i];
    uint q = stroke_pixel(p, d2, reach, color, inner);
    if (q != p) pixels[i] = q;
}
