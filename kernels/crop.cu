// Crop: a pixel-for-pixel copy of a rectangle that may reach outside the source, where the output is transparent.
// One thread per output pixel, consecutive threads along a row, so loads and stores are coalesced.
#include "common.cuh"

extern "C" __global__ void crop(const uint* src, int src_width, int src_height, uint* dst, int x, int y, int width, int height)
{
    long i = (long)block_x() * block_dim_x() + thread_x();
    if (i >= (long)width * height) return;
    long sx = (long)x + i % width;
    long sy = (long)y + i / width;
    dst[i] = sx >= 0 && sx < src_width && sy >= 0 && sy < src_height ? load_nc(src + sy * src_width + sx) : 0u;
}
