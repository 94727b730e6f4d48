// Copies a clipped rectangle of a source image into a destination (CpuBackend.CopyRegion). The host clips: the grid
// covers source columns [left, left + w) and rows [top, top + h), whose targets (s + dx, t + dy) all lie inside the
// destination.
#include "common.cuh"

extern "C" __global__ void copy_region(const uint* src, int src_width, uint* dst, int dst_width, int left, int top, int w, int h, int dx, int dy)
{
    int cx = global_x(), cy = global_y();
    if (cx >= w || cy >= h) return;
    int sx = left + cx, sy = top + cy;
    dst[(long)(sy + dy) * dst_width + (sx + dx)] = load_nc(src + (long)sy * src_width + sx);
}
