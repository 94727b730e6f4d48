// Alternatives to gaussian_blur.cu's kernels, chosen with PHOTOFF_BLUR_VARIANT (a benchmarking switch, see
// CudaBackend.GaussianBlur.cs): fused tiles of 32 x 32 (128 threads, less shared memory per block), and the
// first kernels of the project as the baseline. They compute the same sums in the same order.
#include "gaussian_blur.cuh"

FUSED_ENTRIES(32)

// ---------------------------------------------------------------------------------------------------------------
// The first kernels (PHOTOFF_BLUR_VARIANT=legacy), kept as the benchmark's baseline.
#define TILE 32

extern "C" __global__ void gaussian_blur_tiled(const uint* src, uint* dst, int width, int height, const float* weights, int half)
{
    extern __shared__ float4v shared[];
    const int span = TILE + 2 * half;
    float4v* tile = shared;                 // span x span
    float4v* rows = shared + span * span;   // span rows x TILE columns
    const int x0 = block_x() * TILE;
    const int y0 = block_y() * TILE;
    const int threads = block_dim_x() * block_dim_y();
    const int t = thread_y() * block_dim_x() + thread_x();
    const int taps = 2 * half + 1;

    for (int i = t; i < span * span; i += threads)
    {
        int gx = clamp_int(x0 - half + i % span, 0, width - 1);
        int gy = clamp_int(y0 - half + i / span, 0, height - 1);
        tile[i] = premultiply(load_nc(src + (long)gy * width + gx));
    }
    sync_threads();

    for (int i = t; i < span * TILE; i += threads)
    {
        int ty = i / TILE, tx = i % TILE;
        const float4v* in = tile + ty * span + tx;
        float4v acc = zero4();
        for (int k = 0; k < taps; k++) acc = fma4(load_nc(weights + k), in[k], acc);
        rows[i] = acc;
    }
    sync_threads();

    for (int i = t; i < TILE * TILE; i += threads)
    {
        int ty = i / TILE, tx = i % TILE;
        int x = x0 + tx, y = y0 + ty;
        if (x >= width || y >= height) continue;
        const float4v* in = rows + ty * TILE + tx;
        float4v acc = zero4();
        for (int k = 0; k < taps; k++) acc = fma4(load_nc(weights + k), in[k * TILE], acc);
        dst[(long)y * width + x] = unpremultiply(acc);
    }
}

extern "C" __global__ void gaussian_blur_rows(const uint* src, float4v* mid, int width, int height, const float* weights, int half)
{
    int x = global_x(), y = global_y();
    if (x >= width || y >= height) return;
    const uint* row = src + (long)y * width;
    float4v acc = zero4();
    for (int k = 0; k <= 2 * half; k++)
        acc = fma4(load_nc(weights + k), premultiply(load_nc(row + clamp_int(x + k - half, 0, width - 1))), acc);
    mid[(long)y * width + x] = acc;
}

extern "C" __global__ void gaussian_blur_columns(const float4v* mid, uint* dst, int width, int height, const float* weights, int half)
{
    int x = global_x(), y = global_y();
    if (x >= width || y >= height) return;
    float4v acc = zero4();
    for (int k = 0; k <= 2 * half; k++)
        acc = fma4(load_nc(weights + k), mid[(long)clamp_int(y + k - half, 0, height - 1) * width + x], acc);
    dst[(long)y * width + x] = unpremultiply(acc);
}
