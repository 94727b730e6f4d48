// Rotation, as CpuBackend.RotateQuarterTurns and CpuBackend.WarpAffine compute it.
#include "pixel.cuh"

#define TILE 32

// Quarter turns clockwise: a pure permutation. A block writes one TILE x TILE tile of the destination; the source
// pixels of that tile form a TILE x TILE tile of the source too, which the block first reads row by row (coalesced)
// into shared memory, then writes out row by row: the transpose happens in shared memory, not in global memory.
// The tile has one extra column so that reading it by columns touches 32 different banks.
extern "C" __global__ void rotate_quarter_turns(const uint* src, uint* dst, int width, int height, int turns)
{
    __shared__ uint tile[TILE][TILE + 1];
    const int out_width = turns == 2 ? width : height;
    const int out_height = turns == 2 ? height : width;
    const int ox = block_x() * TILE, oy = block_y() * TILE;
    // The source tile's top-left corner: the smallest source coordinates the destination tile maps to.
    int sx0, sy0;
    if (turns == 1) { sx0 = oy; sy0 = height - TILE - ox; }
    else if (turns == 2) { sx0 = width - TILE - ox; sy0 = height - TILE - oy; }
    else { sx0 = width - TILE - oy; sy0 = ox; }

    for (int ly = thread_y(); ly < TILE; ly += block_dim_y())
    {
        int sx = sx0 + thread_x(), sy = sy0 + ly;
        if (sx >= 0 && sx < width && sy >= 0 && sy < height) tile[ly][thread_x()] = load_nc(src + (long)sy * width + sx);
    }
    sync_threads();

    for (int ly = thread_y(); ly < TILE; ly += block_dim_y())
    {
        int x = ox + thread_x(), y = oy + ly;
        if (x >= out_width || y >= out_height) continue;
        int sx, sy;
        if (turns == 1) { sx = y; sy = height - 1 - x; }
        else if (turns == 2) { sx = width - 1 - x; sy = height - 1 - y; }
        else { sx = width - 1 - y; sy = x; }
        dst[(long)y * out_width + x] = tile[sy - sy0][sx - sx0];
    }
}

DEVICE float lerp_f(float a, float b, float t) { return fma_f(t, b - a, a); }

DEVICE float4v lerp4(float4v a, float4v b, float t)
{
    float4v r;
    r.r = lerp_f(a.r, b.r, t);
    r.g = lerp_f(a.g, b.g, t);
    r.b = lerp_f(a.b, b.b, t);
    r.a = lerp_f(a.a, b.a, t);
    return r;
}

DEVICE float4v tap(const uint* src, int width, int height, int x, int y, float4v fill)
{
    return (x >= 0 && x < width && y >= 0 && y < height) ? premultiply(load_nc(src + (long)y * width + x)) : fill;
}

// Bilinear resampling through an inverse affine map, on premultiplied values; taps outside the source are the
// background colour.
extern "C" __global__ void warp_affine(const uint* src, int src_width, int src_height, uint* dst, int width, int height,
    float m0, float m1, float m2, float m3, float m4, float m5, uint background)
{
    int x = global_x(), y = global_y();
    if (x >= width || y >= height) return;
    float fxp = (float)x, fyp = (float)y;
    float sx = fma_f(m0, fxp, fma_f(m1, fyp, m2));
    float sy = fma_f(m3, fxp, fma_f(m4, fyp, m5));
    float left = __builtin_floorf(sx);
    float top = __builtin_floorf(sy);
    uint* out = dst + (long)y * width + x;
    if (!(left >= -1.0f && left < (float)src_width && top >= -1.0f && top < (float)src_height))
    {
        *out = background;
        return;
    }

    int x0 = (int)left, y0 = (int)top;
    float fx = sx - left;
    float fy = sy - top;
    float4v fill = premultiply(background);
    float4v p00 = tap(src, src_width, src_height, x0, y0, fill);
    float4v p10 = tap(src, src_width, src_height, x0 + 1, y0, fill);
    float4v p01 = tap(src, src_width, src_height, x0, y0 + 1, fill);
    float4v p11 = tap(src, src_width, src_height, x0 + 1, y0 + 1, fill);
    *out = unpremultiply(lerp4(lerp4(p00, p10, fx), lerp4(p01, p11, fx), fy));
}
