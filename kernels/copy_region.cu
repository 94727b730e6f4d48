// Copies the visible part of a source image into a destination at an offset (CpuBackend.CopyRegion). The host
// clips: the grid covers columns [left, left + w) and rows [top, top + h) of the source, all inside the destination.
#include "common.cuh"

extern "C" __global__ void copy_region(const uint* src, int src_width, uint* dst, int dst_width, int left, int top, int w, int h, int x, int y)
{
    int cx = global_x(), cy = global_y();
    if (cx >= w || cy >= h) return;
    int sx = left + cx, sy = top + cy;
    dst[(long)(sy + y) * dst_width + (sx + x)] = load_nc(src + (long)sy * src_width + sx);
}
