// The Gaussian blur's shared device code: exact fast conversions and the fused tile template, included by
// gaussian_blur.cu (32 x 64 tiles, and the two passes for larger kernels) and gaussian_blur_tile32.cu (32 x 32 tiles
// for GPUs with less shared memory per block).
#pragma once
#include "pixel.cuh"

// ---------------------------------------------------------------------------------------------------------------
// Exact, cheaper conversions. They give the same bits as premultiply / unpremultiply in pixel.cuh.

// A byte of a pixel as a float, without the quarter-rate integer-to-float conversion: the byte is placed in the
// mantissa of 2^23 (0x4B0000bb) and 2^23 is subtracted, which is exact.
DEVICE float byte_as_float(uint pixel, uint selector)
{
    return __builtin_bit_cast(float, __nvvm_prmt(pixel, 0x4B000000u, selector)) - 8388608.0f;
}

#define INV_255 (1.0f / 255.0f)

// a / 255 for an integer a in 0..255: the product with 1/255 and one fma correction; checked equal to the IEEE
// quotient for all 256 values.
DEVICE float alpha_scale(float a)
{
    float q = a * INV_255;
    float r = fma_f(-q, 255.0f, a);
    return fma_f(r, INV_255, q);
}

DEVICE float4v premultiply_fast(uint pixel)
{
    float a = byte_as_float(pixel, 0x7443u);
    float scale = alpha_scale(a);
    float4v p;
    p.r = byte_as_float(pixel, 0x7440u) * scale;
    p.g = byte_as_float(pixel, 0x7441u) * scale;
    p.b = byte_as_float(pixel, 0x7442u) * scale;
    p.a = a;
    return p;
}

// to_byte(c * 255 / a) without the IEEE division in the usual case. t = x * (approximate 1/a) is within
// 1e-4 of the exact quotient q = x / a (x < 65536, 1/a within 2 ulp, one more rounding); when t is more than
// 0.002 from a half-integer, q rounds to the same integer as t, which the 2^23 trick gives. Otherwise (about
// 0.4% of the channels) the exact division decides.
DEVICE uint channel_byte(float c, float a, float inverse)
{
    float x = c * 255.0f;
    float t = x * inverse;
    float shifted = t + 8388608.0f;
    float nearest = shifted - 8388608.0f;
    if (t >= 0.0f && t < 4194304.0f && __builtin_fabsf(t - nearest) < 0.498f)
    {
        uint n = __builtin_bit_cast(uint, shifted) & 0x7FFFFFu;
        return n > 255u ? 255u : n;
    }

    return to_byte(x / a);
}

DEVICE uint unpremultiply_fast(float4v p)
{
    uint alpha = to_byte(p.a);
    if (alpha == 0u) return 0u;
    float inverse = __nvvm_div_approx_f(1.0f, p.a);
    return channel_byte(p.r, p.a, inverse) | (channel_byte(p.g, p.a, inverse) << 8) |
           (channel_byte(p.b, p.a, inverse) << 16) | (alpha << 24);
}

// ---------------------------------------------------------------------------------------------------------------
// Fused blur for HALF <= 16, one block per 32 x TY output tile, 4 x TY threads (TY / 8 warps).
// Phase 0: the tile and its halo, premultiplied once, into `tile` (odd pitch: lanes on different rows hit
//          different banks).
// Phase 1: horizontal blur of TY + 2 HALF rows x 32 columns into `rows`, 8 consecutive outputs per thread, the
//          inputs streamed once from shared memory through registers.
// Phase 2: vertical blur, 8 consecutive rows of one column per thread, then back to RGBA8.
// Dynamic shared memory (float4 values): (TY + 2 HALF) x (33 + 2 HALF) + (TY + 2 HALF) x 33, as
// CudaBackend.FusedSharedBytes computes.
#define FUSED_TX 32
// Threads per block and the blocks per multiprocessor to keep resident (caps the registers per thread).
#define LAUNCH_BOUNDS(threads, blocks) __attribute__((launch_bounds(threads, blocks)))
#define FUSED_RUN 8

// PREFETCH: phase 0 issues all of a thread's global loads before premultiplying any (the plain loop waits a
// full memory latency per pixel: load, convert, store, next).
template <int HALF, int TY, bool PREFETCH = false>
static __device__ __forceinline__ void blur_fused(const uint* src, uint* dst, int width, int height, const float* weights)
{
    constexpr int TAPS = 2 * HALF + 1;
    constexpr int ROWS = TY + 2 * HALF;
    constexpr int SPAN = FUSED_TX + 2 * HALF;
    constexpr int TILE_PITCH = SPAN + 1;      // odd
    constexpr int ROWS_PITCH = FUSED_TX + 1;  // odd
    constexpr int GROUPS = FUSED_TX / FUSED_RUN;
    constexpr int THREADS = 4 * TY;
    constexpr int WINDOW = FUSED_RUN + 2 * HALF;

    extern __shared__ float4v shared[];
    float4v* tile = shared;
    float4v* rows = shared + ROWS * TILE_PITCH;
    const int t = thread_x();
    const int x0 = block_x() * FUSED_TX;
    const int y0 = block_y() * TY;

    float w[TAPS];
#pragma unroll
    for (int k = 0; k < TAPS; k++) w[k] = load_nc(weights + k);

    if (PREFETCH)
    {
        constexpr int PER = (ROWS * SPAN + THREADS - 1) / THREADS;
        uint pixels[PER];
#pragma unroll
        for (int l = 0; l < PER; l++)
        {
            int i = t + l * THREADS;
            if (i < ROWS * SPAN)
            {
                int r = i / SPAN, c = i - r * SPAN;
                int gx = clamp_int(x0 - HALF + c, 0, width - 1);
                int gy = clamp_int(y0 - HALF + r, 0, height - 1);
                pixels[l] = load_nc(src + (long)gy * width + gx);
            }
        }
#pragma unroll
        for (int l = 0; l < PER; l++)
        {
            int i = t + l * THREADS;
            if (i < ROWS * SPAN)
            {
                int r = i / SPAN, c = i - r * SPAN;
                tile[r * TILE_PITCH + c] = premultiply_fast(pixels[l]);
            }
        }
    }
    else
    {
        for (int i = t; i < ROWS * SPAN; i += THREADS)
        {
            int r = i / SPAN, c = i - r * SPAN;
            int gx = clamp_int(x0 - HALF + c, 0, width - 1);
            int gy = clamp_int(y0 - HALF + r, 0, height - 1);
            tile[r * TILE_PITCH + c] = premultiply_fast(load_nc(src + (long)gy * width + gx));
        }
    }
    sync_threads();

    for (int i = t; i < ROWS * GROUPS; i += THREADS)
    {
        int r = i % ROWS, g = i / ROWS;  // consecutive lanes on consecutive rows
        const float4v* in = tile + r * TILE_PITCH + g * FUSED_RUN;
        float4v acc[FUSED_RUN];
#pragma unroll
        for (int j = 0; j < FUSED_RUN; j++) acc[j] = zero4();
#pragma unroll
        for (int m = 0; m < WINDOW; m++)
        {
            float4v p = in[m];
#pragma unroll
            for (int j = 0; j < FUSED_RUN; j++)
            {
                int k = m - j;  // input m is tap k of output j; k rises with m: index order
                if (k >= 0 && k < TAPS) acc[j] = fma4(w[k], p, acc[j]);
            }
        }
        float4v* out = rows + r * ROWS_PITCH + g * FUSED_RUN;
#pragma unroll
        for (int j = 0; j < FUSED_RUN; j++) out[j] = acc[j];
    }
    sync_threads();

    const int c = t % FUSED_TX, g = t / FUSED_TX;
    const float4v* in = rows + g * FUSED_RUN * ROWS_PITCH + c;
    float4v acc[FUSED_RUN];
#pragma unroll
    for (int j = 0; j < FUSED_RUN; j++) acc[j] = zero4();
#pragma unroll
    for (int m = 0; m < WINDOW; m++)
    {
        float4v p = in[m * ROWS_PITCH];
#pragma unroll
        for (int j = 0; j < FUSED_RUN; j++)
        {
            int k = m - j;
            if (k >= 0 && k < TAPS) acc[j] = fma4(w[k], p, acc[j]);
        }
    }
    const int x = x0 + c;
    if (x >= width) return;
#pragma unroll
    for (int j = 0; j < FUSED_RUN; j++)
    {
        int y = y0 + g * FUSED_RUN + j;
        if (y < height) dst[(long)y * width + x] = unpremultiply_fast(acc[j]);
    }
}

// The 32 x 64 tiles prefetch (measured fastest on the H200, bench/results); the 32 x 32 tiles do not.
#define FUSED_ENTRY(H, TY)                                                                                        \
    extern "C" __global__ LAUNCH_BOUNDS(4 * TY, TY == 64 ? 2 : 3) void gaussian_blur_fused_h##H##_t##TY(const uint* src, uint* dst, int width, int height, \
                                                                const float* weights)                            \
    {                                                                                                             \
        blur_fused<H, TY, TY == 64>(src, dst, width, height, weights);                                            \
    }
#define FUSED_ENTRIES(TY)                                                                                          \
    FUSED_ENTRY(1, TY) FUSED_ENTRY(2, TY) FUSED_ENTRY(3, TY) FUSED_ENTRY(4, TY) FUSED_ENTRY(5, TY) FUSED_ENTRY(6, TY) \
    FUSED_ENTRY(7, TY) FUSED_ENTRY(8, TY) FUSED_ENTRY(9, TY) FUSED_ENTRY(10, TY) FUSED_ENTRY(11, TY)                \
    FUSED_ENTRY(12, TY) FUSED_ENTRY(13, TY) FUSED_ENTRY(14, TY) FUSED_ENTRY(15, TY) FUSED_ENTRY(16, TY)
