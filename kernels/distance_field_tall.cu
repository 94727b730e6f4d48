// The column pass of the distance field for columns too tall for distance_field.cu's banded pass, whose segment
// envelopes must fit in a block's shared memory (more than about 18,000 candidate rows on the H200, fewer on GPUs
// with less shared memory; CudaBackend.ColumnLayout decides). It reads the row distances distance_field.cu's
// distance_rows wrote and keeps each column's lower envelope of the parabolas (y - q)^2 + g(q)^2 (Felzenszwalb and
// Huttenlocher) in global scratch, [k * width + x], one thread per column. Same integers as the CPU and as the banded
// pass. A module of its own: it is JIT-compiled only when an image needs it.
#include "common.cuh"

#define NO_TARGET 2147483647

DEVICE int max_int(int a, int b) { return a > b ? a : b; }
DEVICE int min_int(int a, int b) { return a < b ? a : b; }

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
extern "C" __global__ void distance_columns_tall(const int* rows, int* positions, int* heights, int* starts, int* out,
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
