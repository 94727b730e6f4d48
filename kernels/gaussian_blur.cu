// Separable Gaussian blur on premultiplied values, edges clamped. The taps are summed in index order with fused
// multiply-adds, horizontally then vertically, as CpuBackend.GaussianBlur does: every output is
// acc = 0; for k = 0..2h: acc = fma(w[k], p[k], acc), so every kernel here gives the CPU's bits.
#include "gaussian_blur.cuh"

// Fused tiles of 32 x 64 for HALF = 1..16 (gaussian_blur_fused_h<HALF>_t64).
FUSED_ENTRIES(64)

// ---------------------------------------------------------------------------------------------------------------
// Two passes through a float4 intermediate for any kernel size. The taps are padded with zero weights to a
// multiple of 8 (`padded`): fma(0, p, acc) = acc exactly for the finite, non-negative values here, so the sums
// keep their bits. Each thread computes 8 consecutive outputs with a ring of 8 inputs in registers: at tap k,
// slot (k + j) % 8 holds the input of output j, and one new input is loaded per tap.

// One step of the ring: tap K (within an unrolled block of 8) with weight wk.
#define RING_STEP(S, wk)                                                                                          \
    do {                                                                                                          \
        _Pragma("unroll") for (int j = 0; j < 8; j++) acc[j] = fma4(wk, ring[((S) + j) % 8], acc[j]);           \
    } while (0)

// Rows: one block of 128 threads per 1024 outputs of a row. Shared memory: the weights (padded), then the
// premultiplied segment with its reach, one float4 of skew per 8 (thread t's run starts at 9t: no bank conflicts).
#define ROWS_RUNS 128
#define ROWS_SEGMENT (ROWS_RUNS * 8)

DEVICE int skew(int i) { return i + (i >> 3); }

extern "C" __global__ LAUNCH_BOUNDS(ROWS_RUNS, 4) void gaussian_blur_rows_wide(const uint* src, float4v* mid, int width, int height, const float* weights,
                                                   int half, int padded)
{
    extern __shared__ float4v shared[];
    float* w = (float*)shared;
    float4v* segment = shared + padded / 4;
    const int t = thread_x();
    const int y = block_y();
    const int xs = block_x() * ROWS_SEGMENT;
    const int taps = 2 * half + 1;
    const int length = ROWS_SEGMENT + padded + 7;
    const uint* row = src + (long)y * width;

    for (int k = t; k < padded; k += ROWS_RUNS) w[k] = k < taps ? load_nc(weights + k) : 0.0f;
    for (int i = t; i < length; i += ROWS_RUNS)
        segment[skew(i)] = premultiply_fast(load_nc(row + clamp_int(xs - half + i, 0, width - 1)));
    sync_threads();

    float4v acc[8];
#pragma unroll
    for (int j = 0; j < 8; j++) acc[j] = zero4();
    float4v ring[8];
    const float4v* in = segment + 9 * t;  // skew(8t + m) = 9t + m + m / 8
#pragma unroll
    for (int m = 0; m < 7; m++) ring[m] = in[m];
    const float4v* weights4 = shared;
    for (int kb = 0; kb < padded; kb += 8)
    {
        float4v wa = weights4[kb / 4], wb = weights4[kb / 4 + 1];
        const float4v* base = in + kb + kb / 8;
        ring[7] = base[7];
        RING_STEP(0, wa.r);
        ring[0] = base[9];  // m = kb + 8 -> skew offset 8 + 1
        RING_STEP(1, wa.g);
        ring[1] = base[10];
        RING_STEP(2, wa.b);
        ring[2] = base[11];
        RING_STEP(3, wa.a);
        ring[3] = base[12];
        RING_STEP(4, wb.r);
        ring[4] = base[13];
        RING_STEP(5, wb.g);
        ring[5] = base[14];
        RING_STEP(6, wb.b);
        ring[6] = base[15];
        RING_STEP(7, wb.a);
    }
    sync_threads();

    // Through shared memory again so that the stores to the intermediate are coalesced.
#pragma unroll
    for (int j = 0; j < 8; j++) segment[skew(8 * t + j)] = acc[j];
    sync_threads();
    float4v* out = mid + (long)y * width;
    for (int i = t; i < ROWS_SEGMENT; i += ROWS_RUNS)
        if (xs + i < width) out[xs + i] = segment[skew(i)];
}

// Columns: one block of 256 threads per 32 columns x 64 rows of output; thread (c, g) computes rows 8g..8g+7 of
// column c. The taps are taken in chunks of `chunk` (a multiple of 8): the rows a chunk needs, 64 + chunk + 7,
// are staged in shared memory (32 float4 per row: consecutive lanes, consecutive banks), after the weights.
#define COLUMNS_TX 32
#define COLUMNS_TY 64

extern "C" __global__ LAUNCH_BOUNDS(256, 2) void gaussian_blur_columns_wide(const float4v* mid, uint* dst, int width, int height, const float* weights,
                                                      int half, int padded, int chunk)
{
    extern __shared__ float4v shared[];
    float* w = (float*)shared;
    float4v* staged = shared + padded / 4;
    const int t = thread_x();
    const int c = t % COLUMNS_TX, g = t / COLUMNS_TX;
    const int x0 = block_x() * COLUMNS_TX, y0 = block_y() * COLUMNS_TY;
    const int taps = 2 * half + 1;
    const int xc = clamp_int(x0 + c, 0, width - 1);
    const float4v* weights4 = shared;

    for (int k = t; k < padded; k += 256) w[k] = k < taps ? load_nc(weights + k) : 0.0f;

    float4v acc[8];
#pragma unroll
    for (int j = 0; j < 8; j++) acc[j] = zero4();

    for (int c0 = 0; c0 < padded; c0 += chunk)
    {
        const int n = padded - c0 < chunk ? padded - c0 : chunk;
        const int length = COLUMNS_TY + n + 7;
        sync_threads();  // the previous chunk is consumed (and the weights are in place)
        for (int r = g; r < length; r += 256 / COLUMNS_TX)
            staged[r * COLUMNS_TX + c] = mid[(long)clamp_int(y0 - half + c0 + r, 0, height - 1) * width + xc];
        sync_threads();

        float4v ring[8];
        const float4v* in = staged + 8 * g * COLUMNS_TX + c;
#pragma unroll
        for (int m = 0; m < 7; m++) ring[m] = in[m * COLUMNS_TX];
        for (int kb = 0; kb < n; kb += 8)
        {
            float4v wa = weights4[(c0 + kb) / 4], wb = weights4[(c0 + kb) / 4 + 1];
            const float4v* base = in + kb * COLUMNS_TX;
            ring[7] = base[7 * COLUMNS_TX];
            RING_STEP(0, wa.r);
            ring[0] = base[8 * COLUMNS_TX];
            RING_STEP(1, wa.g);
            ring[1] = base[9 * COLUMNS_TX];
            RING_STEP(2, wa.b);
            ring[2] = base[10 * COLUMNS_TX];
            RING_STEP(3, wa.a);
            ring[3] = base[11 * COLUMNS_TX];
            RING_STEP(4, wb.r);
            ring[4] = base[12 * COLUMNS_TX];
            RING_STEP(5, wb.g);
            ring[5] = base[13 * COLUMNS_TX];
            RING_STEP(6, wb.b);
            ring[6] = base[14 * COLUMNS_TX];
            RING_STEP(7, wb.a);
        }
    }

    const int x = x0 + c;
    if (x >= width) return;
#pragma unroll
    for (int j = 0; j < 8; j++)
    {
        int y = y0 + 8 * g + j;
        if (y < height) dst[(long)y * width + x] = unpremultiply_fast(acc[j]);
    }
}

