// Separable resampling on premultiplied values with filter taps computed on the host (ResampleTable), in two kinds:
// resize_tiled (below) in one pass where a tile's source window fits a block's shared memory; otherwise (a reduction
// by more than about 60 times, or a GPU with little shared memory) a row pass into a float intermediate, then a
// column pass into the destination. Each sums its taps in order with fused multiply-adds, as CpuBackend.Resize does. spans holds (first source pixel, tap count) per output pixel; weights
// holds `taps` floats per output pixel. One thread per output pixel, consecutive threads along a row.
#include "gaussian_blur.cuh" // premultiply_fast, unpremultiply_fast (exact), LAUNCH_BOUNDS

DEVICE int min_int(int a, int b) { return a < b ? a : b; }
DEVICE int load_int(const int* p) { return (int)load_nc((const uint*)p); }

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

// ---------------------------------------------------------------------------------------------------------------
// One pass, no intermediate in global memory: the usual path.
// A block of 256 threads computes a tile of 32 output columns x tile_h output rows. The host packs each axis's
// table as [spans: 2 per output][weights: taps per output, float bits][first source pixel of each tile] and says
// how long the longest tile window is (win_w source columns, win_h source rows), so any valid table works.
// The block walks its source window in chunks of `chunk` rows: the chunk is loaded with coalesced 4-byte loads
// (issued one chunk ahead, held in registers), premultiplied once per source pixel into shared memory (skewed by
// one float4 per 8: a 2x reduction reads conflict-free), then resampled horizontally into `mid` (win_h x 32
// float4 in shared memory). Then each output sums its rows of `mid`. Every output adds its taps in the order and
// with the fused multiply-adds of resize_rows / resize_columns (and CpuBackend.Resize), so the bits are the same.
#define TILED_W 32
#define TILED_THREADS 256
#define TILED_PREFETCH 8

DEVICE int skew8(int i) { return i + (i >> 3); }

// Loads the chunk of window rows first_row .. first_row + rows - 1 (pixel i of the chunk is row i / win_w,
// column i % win_w; `magic` = ceil(2^31 / win_w): mulhi(2 i, magic) = i / win_w exactly for i, win_w <= 2048). Outside the source: 0.
DEVICE void load_chunk(uint (&v)[TILED_PREFETCH], const uint* src, int src_width, int src_height, int x0, int y0,
                       int first_row, int rows, int win_w, uint magic, int t)
{
    int n = rows * win_w;
#pragma unroll
    for (int u = 0; u < TILED_PREFETCH; u++)
    {
        int i = t + u * TILED_THREADS;
        int r = (int)__nvvm_mulhi_ui(2u * (uint)i, magic);
        int x = x0 + i - r * win_w;
        int y = y0 + first_row + r;
        v[u] = i < n && x < src_width && y < src_height ? load_nc(src + (long)y * src_width + x) : 0u;
    }
}

DEVICE void store_chunk(const uint (&v)[TILED_PREFETCH], float4v* chunk_px, int rows, int win_w, int pitch, uint magic, int t)
{
    int n = rows * win_w;
#pragma unroll
    for (int u = 0; u < TILED_PREFETCH; u++)
    {
        int i = t + u * TILED_THREADS;
        int r = (int)__nvvm_mulhi_ui(2u * (uint)i, magic);
        if (i < n) chunk_px[r * pitch + skew8(i - r * win_w)] = premultiply_fast(v[u]);
    }
}

extern "C" __global__ LAUNCH_BOUNDS(TILED_THREADS, 2) void resize_tiled(
    const uint* src, int src_width, int src_height, uint* dst, int dst_width, int left, int top, int out_width, int out_height,
    const int* columns, int taps_x, int win_w, const int* rows, int taps_y, int win_h, int tile_h, int chunk, int pitch, uint magic)
{
    extern __shared__ float4v shared[];
    float4v* mid = shared;                         // win_h x 32
    float4v* chunk_px = mid + win_h * TILED_W;     // chunk x pitch (skewed)
    float* wx = (float*)(chunk_px + chunk * pitch); // taps_x x 32 (tap-major: lanes read consecutive words)
    int* sx = (int*)(wx + taps_x * TILED_W);       // 32 window offsets
    int* cx = sx + TILED_W;                        // 32 counts
    float* wy = (float*)(cx + TILED_W);            // tile_h x taps_y (one row's weights together: broadcast)
    int* sy = (int*)(wy + tile_h * taps_y);
    int* cy = sy + tile_h;

    const int t = thread_x();
    const int lane = t & 31;
    const int warp = t >> 5;
    const int tx = block_x();
    const int ty = block_y();
    const int ox0 = tx * TILED_W;
    const int oy0 = ty * tile_h;
    const float* col_weights = (const float*)(columns + 2L * out_width);
    const float* row_weights = (const float*)(rows + 2L * out_height);
    const int x0 = load_int(columns + 2L * out_width + (long)out_width * taps_x + tx);
    const int y0 = load_int(rows + 2L * out_height + (long)out_height * taps_y + ty);

    // The chunk loads go out first; the tables are staged while they are in flight.
    uint v[TILED_PREFETCH];
    load_chunk(v, src, src_width, src_height, x0, y0, 0, min_int(chunk, win_h), win_w, magic, t);

    if (t < TILED_W)
    {
        int o = ox0 + t;
        int start = 0, count = 0;
        if (o < out_width)
        {
            start = clamp_int(load_int(columns + 2 * o) - x0, 0, win_w - 1);
            count = clamp_int(load_int(columns + 2 * o + 1), 0, min_int(taps_x, win_w - start));
        }
        sx[t] = start;
        cx[t] = count;
    }
    for (int i = t; i < taps_x * TILED_W; i += TILED_THREADS)
    {
        int k = i >> 5, c = i & 31;
        wx[i] = ox0 + c < out_width ? load_nc(col_weights + (long)(ox0 + c) * taps_x + k) : 0.0f;
    }
    for (int j = t; j < tile_h; j += TILED_THREADS)
    {
        int o = oy0 + j;
        int start = 0, count = 0;
        if (o < out_height)
        {
            start = clamp_int(load_int(rows + 2 * o) - y0, 0, win_h - 1);
            count = clamp_int(load_int(rows + 2 * o + 1), 0, min_int(taps_y, win_h - start));
        }
        sy[j] = start;
        cy[j] = count;
    }
    for (int i = t; i < tile_h * taps_y; i += TILED_THREADS)
    {
        int j = i / taps_y;
        wy[i] = oy0 + j < out_height ? load_nc(row_weights + (long)oy0 * taps_y + i) : 0.0f;
    }

    // Horizontal: lane = output column, warps over the rows of each chunk.
    for (int first_row = 0; first_row < win_h; first_row += chunk)
    {
        int rows_here = min_int(chunk, win_h - first_row);
        sync_threads(); // the previous chunk is no longer read
        store_chunk(v, chunk_px, rows_here, win_w, pitch, magic, t);
        sync_threads();
        if (first_row + chunk < win_h)
            load_chunk(v, src, src_width, src_height, x0, y0, first_row + chunk, min_int(chunk, win_h - first_row - chunk), win_w, magic, t);
        const int start = sx[lane];
        const int count = cx[lane];
        for (int r = warp; r < rows_here; r += TILED_THREADS / 32)
        {
            const float4v* px = chunk_px + r * pitch;
            float4v acc = zero4();
#pragma unroll 4
            for (int k = 0; k < count; k++) acc = fma4(wx[k * TILED_W + lane], px[skew8(start + k)], acc);
            mid[(first_row + r) * TILED_W + lane] = acc;
        }
    }
    sync_threads();

    // Vertical: lane = output column, warps over the output rows; stores of 32 consecutive pixels.
    const int x = ox0 + lane;
    for (int j = warp; j < tile_h; j += TILED_THREADS / 32)
    {
        int y = oy0 + j;
        if (y >= out_height) break;
        const int start = sy[j];
        const int count = cy[j];
        const float* w = wy + j * taps_y;
        float4v acc = zero4();
#pragma unroll 4
        for (int k = 0; k < count; k++) acc = fma4(w[k], mid[(start + k) * TILED_W + lane], acc);
        if (x < out_width) dst[(long)(top + y) * dst_width + left + x] = unpremultiply_fast(acc);
    }
}
