// Mirroring in place, as CpuBackend.Flip does: a pure permutation of the pixels. Each thread owns one pair (a pixel
// and its mirror image) and swaps them; a pixel that is its own mirror image (the middle column or row, or the
// centre) is left alone. The grid covers span_x x span_y pixels: the first of each pair.
#include "common.cuh"

extern "C" __global__ void flip(uint* pixels, int width, int height, int horizontal, int vertical, int span_x, int span_y)
{
    int x = global_x(), y = global_y();
    if (x >= span_x || y >= span_y) return;
    int mx = horizontal ? width - 1 - x : x;
    int my = vertical ? height - 1 - y : y;
    long here = (long)y * width + x;
    long there = (long)my * width + mx;
    // Only the first pixel of a pair swaps, so no pair is swapped twice (that matters on the middle row).
    if (here >= there) return;
    uint a = pixels[here];
    uint b = pixels[there];
    pixels[here] = b;
    pixels[there] = a;
}
