// Separable resampling on premultiplied values with filter taps computed on the host (ResampleTable): a row pass
// into a float intermediate, then a column pass into the destination, each summing its taps in order with fused
// multiply-adds, as CpuBackend.Resize does. spans holds (first source pixel, tap count) per output pixel; weights
// holds `taps` floats per output pixel. One thread per output pixel, consecutive threads along a row.
#include "pixel.cuh"

DEVICE int min_int(int a, int b) { return a < b ? a : b; }

// mid (out_width x mid_rows) = source rows first_row .. first_row + mid_rows - 1, resampled horizontally.
extern "C" __global__ void resize_rows(const uint* src, int src_width, int src_height, float4v* mid, int out_width,
                                       int first_row, int mid_rows, const int* spans, const float* weights, int taps)
{
    long i = (long)block_x() * block_dim_x() + thread_x();
    if (i >= (long)out_width * mid_rows) return;
    int x = (int)(i % out_width);
    int y = first_row + (int)(i / out_width);
    if (y < 0 || y >= src_height) return;
    int start = clamp_int(spans[2 * x], 0, src_width - 1);
    int count = clamp_int(spans[2 * x + 1], 0, min_int(taps, src_width - start));
    const uint* row = src + (long)y * src_width + start;
    const float* w = weights + (long)x * taps;
    float4v acc = zero4();
    for (int k = 0; k < count; k++) acc = fma4(load_nc(w + k), premultiply(load_nc(row + k)), acc);
    mid[i] = acc;
}

// dst (dst_width x dst_height): the out_width x out_height result at (left, top), background elsewhere.
extern "C" __global__ void resize_columns(const float4v* mid, int out_width, int out_height, int first_row, int mid_rows,
                                          uint* dst, int dst_width, int dst_height, int left, int top,
                                          const int* spans, const float* weights, int taps, uint background)
{
    long i = (long)block_x() * block_dim_x() + thread_x();
    if (i >= (long)dst_width * dst_height) return;
    int x = (int)(i % dst_width) - left;
    int y = (int)(i / dst_width) - top;
    if (x < 0 || x >= out_width || y < 0 || y >= out_height)
    {
        dst[i] = background;
        return;
    }
    int start = clamp_int(spans[2 * y] - first_row, 0, mid_rows - 1);
    int count = clamp_int(spans[2 * y + 1], 0, min_int(taps, mid_rows - start));
    const float4v* column = mid + (long)start * out_width + x;
    const float* w = weights + (long)y * taps;
    float4v acc = zero4();
    for (int k = 0; k < count; k++) acc = fma4(load_nc(w + k), column[(long)k * out_width], acc);
    dst[i] = unpremultiply(acc);
}
