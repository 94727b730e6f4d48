// The first CUDA distance field (PHOTOFF_DISTANCE_VARIANT=legacy, for comparison): pass 1, one warp per source
// row, the 1-D distance to the nearest target of the row by two warp scans; pass 2, one thread per column (3,840
// threads at 4K: latency-bound), the lower envelope of the parabolas (y - q)^2 + g(q)^2 (Felzenszwalb and
// Huttenlocher) kept in global scratch, [k * width + x]. Same integers as the CPU and as distance_field.cu.
#include "common.cuh"

#define NO_TARGET 2147483647
#define NO_LEFT (-2147483647 - 1)
#define NO_RIGHT 2147483647
#define SHAPE_ALPHA 128u

DEVICE int shfl_up(int v, int delta)
{
    int r;
    asm volatile("shfl.sync.up.b32 %0, %1, %2, 0, 0xffffffff;" : "=r"(r) : "r"(v), "r"(delta));
    return r;
}

DEVICE int shfl_last(int v)
{
    int r;
    asm volatile("shfl.sync.idx.b32 %0, %1, 31, 0x1f, 0xffffffff;" : "=r"(r) : "r"(v));
    return r;
}

DEVICE int max_int(int a, int b) { return a > b ? a : b; }
DEVICE int min_int(int a, int b) { return a < b ? a : b; }

// Positions outside the row are targets for inner distances (the outside counts as background), never for outer.
DEVICE bool is_target(const uint* row, int s, int width, int inner)
{
    if (s < 0 || s >= width) return inner != 0;
    bool shape = (load_nc(row + s) >> 24) >= SHAPE_ALPHA;
    return shape != (inner != 0);
}

// Launched with blocks of whole warps; warp w of the grid handles source row w. For image column x the wanted
// distance is the one of source position x - offset_x; every such position, and the whole row, lies in [lo, hi).
extern "C" __global__ void distance_rows(const uint* image, int* rows, int width, int height, int inner, int offset_x)
{
    const int lane = thread_x() & 31;
    const int sy = (block_x() * block_dim_x() + thread_x()) >> 5;
    if (sy >= height) return; // The whole warp leaves together.
    const uint* row = image + (long)sy * width;
    int* out = rows + (long)sy * width;
    const int lo = min_int(0, -offset_x);
    const int hi = max_int(width, width - offset_x);

    // Forward: the last target at or before each position (an inclusive max-scan across the warp).
    int carry = inner ? lo - 1 : NO_LEFT;
    for (int base = lo; base < hi; base += 32)
    {
        int s = base + lane;
        int v = (s < hi && is_target(row, s, width, inner)) ? s : NO_LEFT;
        v = max_int(v, carry);
        for (int o = 1; o < 32; o <<= 1)
        {
            int n = shfl_up(v, o);
            if (lane >= o) v = max_int(v, n);
        }
        int x = s + offset_x;
        if (s < hi && x >= 0 && x < width) out[x] = v;
        carry = shfl_last(v);
    }

    // Backward: lane i takes position top - i, so the same scan over lanes finds the next target at or after it.
    int next = inner ? hi : NO_RIGHT;
    for (int top = hi - 1; top >= lo; top -= 32)
    {
        int s = top - lane;
        int v = (s >= lo && is_target(row, s, width, inner)) ? s : NO_RIGHT;
        v = min_int(v, next);
        for (int o = 1; o < 32; o <<= 1)
        {
            int n = shfl_up(v, o);
            if (lane >= o) v = min_int(v, n);
        }
        int x = s + offset_x;
        if (s >= lo && x >= 0 && x < width)
        {
            int left = out[x];
            int to_left = left == NO_LEFT ? NO_TARGET : s - left;
            int to_right = v == NO_RIGHT ? NO_TARGET : v - s;
            out[x] = min_int(to_left, to_right);
        }
        next = shfl_last(v);
    }
}

// The first row, clamped to [0, height], from which the parabola at q is no higher than the one at v (v < q).
DEVICE long long envelope_start(int v, long long fv, int q, long long fq, int height)
{
    long long numerator = fq + (long long)q * q - (fv + (long long)v * v);
    long long denominator = 2LL * (q - v);
    long long ceiling = numerator >= 0 ? (numerator + denominator - 1) / denominator : numerator / denominator;
    return ceiling < 0 ? 0 : (ceiling > height ? height : ceiling);
}

// Rows of g read ahead at once in the column pass, so that one thread's loads overlap instead of waiting in turn.
#define ROW_BATCH 8

// One thread per image column (few threads: the pass is latency-bound, so the envelope's last parabola stays in
// registers and the row distances are read ROW_BATCH at a time). positions, heights (g) and starts hold
// (height + 2) x width ints each: the envelope's starting rows increase strictly within [0, height], so it never
// holds more than height + 1 parabolas.
extern "C" __global__ void distance_columns(const int* rows, int* positions, int* heights, int* starts, int* out,
                                            int width, int height, int inner, int offset_y)
{
    const int x = global_x();
    if (x >= width) return;
    // Outer: the parabolas of the moved rows. Inner: also every row outside the moved image (background, g = 0) that
    // can be the nearest to one of the image's rows.
    const int first = inner ? min_int(0, offset_y) - 1 : offset_y;
    const int last = inner ? max_int(height, height + offset_y) : height - 1 + offset_y;
    int top = -1;
    int top_q = 0, top_g = 0, top_start = 0;
    for (int base = first; base <= last; base += ROW_BATCH)
    {
        int g[ROW_BATCH];
#pragma unroll
        for (int i = 0; i < ROW_BATCH; i++)
        {
            int source = base + i - offset_y;
            g[i] = (source >= 0 && source < height) ? rows[(long)source * width + x] : 0;
        }
#pragma unroll
        for (int i = 0; i < ROW_BATCH; i++)
        {
            int q = base + i;
            if (q > last) break;
            if (g[i] == NO_TARGET) continue;
            long long fq = (long long)g[i] * g[i];
            long long start = 0;
            while (top >= 0)
            {
                start = envelope_start(top_q, (long long)top_g * top_g, q, fq, height);
                if (start > top_start) break;
                top--;
                if (top >= 0)
                {
                    long at = (long)top * width + x;
                    top_q = positions[at];
                    top_g = heights[at];
                    top_start = starts[at];
                }
            }
            top++;
            top_q = q;
            top_g = g[i];
            top_start = top == 0 ? 0 : (int)start;
            long at = (long)top * width + x;
            positions[at] = top_q;
            heights[at] = top_g;
            starts[at] = top_start;
        }
    }

    if (top < 0)
    {
        for (int y = 0; y < height; y++) out[(long)y * width + x] = NO_TARGET;
        return;
    }

    int k = 0;
    int v = positions[x];
    long long fv = (long long)heights[x] * heights[x];
    int next_start = top > 0 ? starts[(long)width + x] : height;
    for (int y = 0; y < height; y++)
    {
        while (next_start <= y)
        {
            k++;
            long at = (long)k * width + x;
            v = positions[at];
            fv = (long long)heights[at] * heights[at];
            next_start = k < top ? starts[at + width] : height;
        }
        long long d = (long long)(y - v) * (y - v) + fv;
        out[(long)y * width + x] = d >= NO_TARGET ? NO_TARGET : (int)d;
    }
}
