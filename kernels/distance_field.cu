// The exact Euclidean distance transform of an image's shape (alpha >= 128), as CpuBackend.DistanceField and
// Backends/Cpu/DistanceTransform.cs compute it: integer arithmetic only, so both backends write the same squared
// distances (the lower envelope gives the minimum over all parabolas, so how it is split up cannot change them).
//
// Pass 1, distance_rows: one warp per source row. A forward sweep ballots 32 positions at a time (16 chunks of
// loads in flight) and keeps, per chunk, its target mask and the last target before it (8 bytes per 32 pixels);
// a backward sweep over those records alone gives each position its nearest target on either side.
//
// Pass 2, distance_columns: one block per `cols` adjacent columns, 256 threads. The column's candidate rows are
// split into 256 / cols segments; each thread builds the lower envelope of its segment's parabolas
// (y - q)^2 + g(q)^2 (Felzenszwalb and Huttenlocher) in shared memory, one thread per column then merges the
// segment envelopes left to right (each segment keeps a suffix of its envelope: only its first kept parabola's
// starting row changes), and each thread writes the distances of its own band of rows (or paints the stroke or
// the shadow there directly). Columns whose segment envelopes do not fit a block's shared memory go to the column
// pass of distance_field_tall.cu instead.
#include "effects.cuh"

#define NO_LEFT (-2147483647 - 1)
#define NO_RIGHT 2147483647
#define ROW_UNROLL 16
#define COLUMN_THREADS 256
#define LOAD_BATCH 16
#define OUT_BATCH 8

#define MODE_DISTANCES 0
#define MODE_STROKE 1
#define MODE_SHADOW 2

DEVICE uint ballot(bool p)
{
    uint r;
    asm volatile("{ .reg .pred p; setp.ne.u32 p, %1, 0; vote.sync.ballot.b32 %0, p, 0xffffffff; }" : "=r"(r) : "r"((uint)p));
    return r;
}

DEVICE float rcp_approx(float v)
{
    float r;
    asm("rcp.approx.ftz.f32 %0, %1;" : "=f"(r) : "f"(v));
    return r;
}

DEVICE int max_int(int a, int b) { return a > b ? a : b; }
DEVICE int min_int(int a, int b) { return a < b ? a : b; }
DEVICE long long square(long long v) { return v * v; }
DEVICE int load_nc_int(const int* p) { return __nvvm_ldg_i(p); }
DEVICE int highest_bit(uint mask) { return 31 - __builtin_clz(mask); }
DEVICE int lowest_bit(uint mask) { return __builtin_ctz(mask); }

// Positions outside the row are targets for inner distances (the outside counts as background), never for outer.
DEVICE bool is_target(const uint* row, int s, int width, int inner)
{
    if (s < 0 || s >= width) return inner != 0;
    bool shape = (load_nc(row + s) >> 24) >= SHAPE_ALPHA;
    return shape != (inner != 0);
}

// Launched with blocks of whole warps; warp w of the grid handles source row w. For image column x the wanted
// distance is the one of source position x - offset_x; every such position, and the whole row, lies in [lo, hi),
// cut into chunk_count chunks of 32. chunks holds 2 ints per chunk and row: the chunk's target mask and the last
// target before the chunk.
extern "C" __global__ void distance_rows(const uint* image, int* rows, int* chunks, int chunk_count, int width, int height,
                                         int inner, int offset_x)
{
    const int lane = thread_x() & 31;
    const int sy = (block_x() * block_dim_x() + thread_x()) >> 5;
    if (sy >= height) return; // The whole warp leaves together.
    const uint* row = image + (long long)sy * width;
    int* out = rows + (long long)sy * width;
    int* records = chunks + 2LL * sy * chunk_count;
    const int lo = min_int(0, -offset_x);
    const int hi = max_int(width, width - offset_x);

    int carry = inner ? lo - 1 : NO_LEFT;
    for (int k0 = 0; k0 < chunk_count; k0 += ROW_UNROLL)
    {
        bool hit[ROW_UNROLL];
#pragma unroll
        for (int i = 0; i < ROW_UNROLL; i++)
        {
            int s = lo + (k0 + i) * 32 + lane;
            hit[i] = k0 + i < chunk_count && s < hi && is_target(row, s, width, inner);
        }
        uint my_mask = 0;
        int my_carry = 0;
#pragma unroll
        for (int i = 0; i < ROW_UNROLL; i++)
        {
            uint mask = ballot(hit[i]); // 0 past the last chunk
            if (lane == i)
            {
                my_mask = mask;
                my_carry = carry;
            }
            if (mask != 0) carry = lo + (k0 + i) * 32 + highest_bit(mask);
        }
        if (lane < ROW_UNROLL && k0 + lane < chunk_count)
        {
            records[2 * (k0 + lane)] = (int)my_mask;
            records[2 * (k0 + lane) + 1] = my_carry;
        }
    }

    // The records were written by other lanes of this warp: make them visible before reading them back.
    asm volatile("bar.warp.sync -1;" ::: "memory");
    int next = inner ? hi : NO_RIGHT;
    for (int k1 = chunk_count - 1; k1 >= 0; k1 -= ROW_UNROLL)
    {
        uint masks[ROW_UNROLL];
        int lefts[ROW_UNROLL];
#pragma unroll
        for (int i = 0; i < ROW_UNROLL; i++)
        {
            int k = max_int(k1 - i, 0);
            masks[i] = (uint)records[2 * k];
            lefts[i] = records[2 * k + 1];
        }
#pragma unroll
        for (int i = 0; i < ROW_UNROLL; i++)
        {
            int k = k1 - i;
            int base = lo + k * 32;
            int s = base + lane;
            uint mask = masks[i];
            uint before = mask & (0xFFFFFFFFu >> (31 - lane));
            uint after = mask & (0xFFFFFFFFu << lane);
            int left = before != 0 ? base + highest_bit(before) : lefts[i];
            int right = after != 0 ? base + lowest_bit(after) : next;
            if (k >= 0 && mask != 0) next = base + lowest_bit(mask);
            int x = s + offset_x;
            if (k >= 0 && s < hi && x >= 0 && x < width)
            {
                int to_left = left == NO_LEFT ? NO_TARGET : s - left;
                int to_right = right == NO_RIGHT ? NO_TARGET : right - s;
                out[x] = min_int(to_left, to_right);
            }
        }
    }
}

// min(ceil(num / den), height) for num > 0, den > 0: a float estimate, then corrected exactly in integers.
DEVICE int ceil_quotient(long long num, long long den, int height)
{
    if (num > (long long)height * den) return height;
    long long k = (long long)((float)num * rcp_approx((float)den));
    k = k < 1 ? 1 : (k > height ? height : k);
    while (k * den < num) k++;
    while (k > 1 && (k - 1) * den >= num) k--;
    return (int)k;
}

// The first row, clamped to [0, height], from which the parabola (q, fq) is no higher than (v, fv), v < q; f is
// g^2 + q^2, so the crossing is (fq - fv) / (2 (q - v)).
DEVICE int crossing(int v, long long fv, int q, long long fq, int height)
{
    long long num = fq - fv;
    return num <= 0 ? 0 : ceil_quotient(num, 2LL * (q - v), height);
}

// Whether the parabola (q, fq) leaves any row to the envelope's top (v, fv) that is the lowest from row start_v:
// its clamped crossing exceeds start_v (the pop test of Felzenszwalb and Huttenlocher, without the division).
DEVICE bool keeps_top(int v, long long fv, int start_v, int q, long long fq, int height)
{
    return start_v < height && fq - fv > (long long)start_v * (2LL * (q - v));
}

// Atomic or; on a __shared__ array the compiler emits atom.shared.
DEVICE void atomic_or(uint* p, uint v) { __nvvm_atom_or_gen_i((int*)p, (int)v); }

// The first set bit of a mask of `words` words, or `none`.
DEVICE int first_bit(const uint* mask, int words, int none)
{
    for (int w = 0; w < words; w++)
    {
        if (mask[w] != 0u) return w * 32 + lowest_bit(mask[w]);
    }
    return none;
}

// How many bits of the mask lie below bit `end`.
DEVICE int count_bits_below(const uint* mask, int end)
{
    int count = 0;
    for (int w = 0; w * 32 < end; w++)
    {
        uint word = mask[w];
        if (end < w * 32 + 32) word &= (1u << (end - w * 32)) - 1u;
        count += __builtin_popcount(word);
    }
    return count;
}

DEVICE int clamp_distance(long long d) { return d >= NO_TARGET ? NO_TARGET : (int)d; }

// The row distance of candidate c (source row first + c - offset_y; 0 outside the moved image, which only inner
// distances have), or NO_TARGET past the segment's end c1 as for a row without target.
DEVICE int candidate(const int* rows, int c, int c1, int first, int offset_y, int width, int height, int x)
{
    int source = first + c - offset_y;
    if (c >= c1) return NO_TARGET;
    return (source >= 0 && source < height) ? load_nc_int(rows + (long long)source * width + x) : 0;
}

// Blocks of COLUMN_THREADS threads; block b handles columns [b * cols, b * cols + cols), thread t column
// t % cols and segment t / cols. The candidates are the rows q = first + c, c in [0, n) (source row q - offset_y;
// rows outside the moved image have g = 0, inner only); segment s holds c in [s * seg_len, s * seg_len + seg_len)
// and writes rows [s * out_len, s * out_len + out_len). Dynamic shared memory: (3 seg_len + 6) COLUMN_THREADS
// + cols + COLUMN_THREADS / 16 ints (CudaBackend.ColumnLayout computes the same); cols is 1, 2, 4 or 8.
extern "C" __global__ void distance_columns(const int* rows, int* distances, uint* pixels, int width, int height,
                                            int offset_y, int first, int n, int cols, int seg_len, int out_len,
                                            int mode, float p0, float p1, uint color, int inner)
{
    extern __shared__ int shared[];
    const int T = COLUMN_THREADS;
    const int tid = thread_x();
    const int col = tid % cols;
    const int seg = tid / cols;
    const int segments = T / cols;
    const int x = block_x() * cols + col;
    const bool active = x < width;

    // Envelope k of thread t at [k * T + t]: lanes never share a bank, whatever their depths.
    int* env_q = shared;
    int* env_g = env_q + seg_len * T;
    int* env_start = env_g + seg_len * T;
    int* sizes = env_start + seg_len * T; // [t]: the envelope's length
    int* joins = sizes + T;               // [t]: crossing with the last parabola of the previous non-empty segment
    int* run_seg = joins + T;             // the merged envelope, run r of column col at [r * cols + col]: a thread,
    int* run_lo = run_seg + T;            // the first of its parabolas kept, one past the last,
    int* run_hi = run_lo + T;
    int* run_start = run_hi + T;          // and the first one's starting row
    int* run_count = run_start + T;       // [col]
    const int mask_words = segments / 32; // per column: bit s of the non-empty segments, of those that need a merge
    uint* nonempty = (uint*)(run_count + cols);
    uint* hard = nonempty + cols * mask_words;
    if (tid < 2 * cols * mask_words) nonempty[tid] = 0u;
    sync_threads();

    // 1. The envelope of the segment, with starting rows clamped to [0, height] as on the CPU.
    int size = 0;
    if (active)
    {
        int top_q = 0, top_start = 0;
        long long top_f = 0;
        const int c0 = seg * seg_len;
        const int c1 = min_int(c0 + seg_len, n);
        // Each batch of row distances is loaded while the previous one is processed.
        int ahead[LOAD_BATCH];
#pragma unroll
        for (int i = 0; i < LOAD_BATCH; i++) ahead[i] = candidate(rows, c0 + i, c1, first, offset_y, width, height, x);
        for (int base = c0; base < c1; base += LOAD_BATCH)
        {
            int g[LOAD_BATCH];
#pragma unroll
            for (int i = 0; i < LOAD_BATCH; i++)
            {
                g[i] = ahead[i];
                ahead[i] = candidate(rows, base + LOAD_BATCH + i, c1, first, offset_y, width, height, x);
            }
#pragma unroll
            for (int i = 0; i < LOAD_BATCH; i++)
            {
                if (g[i] == NO_TARGET) continue;
                int q = first + base + i;
                long long fq = square(g[i]) + square(q);
                int start = 0;
                while (size > 0)
                {
                    if (keeps_top(top_q, top_f, top_start, q, fq, height))
                    {
                        start = crossing(top_q, top_f, q, fq, height);
                        break;
                    }
                    size--;
                    if (size > 0)
                    {
                        int at = (size - 1) * T + tid;
                        top_q = env_q[at];
                        top_f = square(env_g[at]) + square(top_q);
                        top_start = env_start[at];
                    }
                }
                int at = size * T + tid;
                env_q[at] = q;
                env_g[at] = g[i];
                env_start[at] = start;
                size++;
                top_q = q;
                top_f = fq;
                top_start = start;
            }
        }
    }
    sizes[tid] = size;
    if (size > 0) atomic_or(nonempty + col * mask_words + seg / 32, 1u << (seg % 32));
    sync_threads();

    // 2a. Where each segment's first parabola would start after the previous non-empty segment's last one.
    int previous = -1;
    int join = -1;
    if (size > 0)
    {
        for (int p = seg - 1; p >= 0; p--)
        {
            int t = p * cols + col;
            int m = sizes[t];
            if (m == 0) continue;
            int at = (m - 1) * T + t;
            int v = env_q[at];
            int q = env_q[tid];
            previous = t;
            join = crossing(v, square(env_g[at]) + square(v), q, square(env_g[tid]) + square(q), height);
            break;
        }
        joins[tid] = join;
    }
    sync_threads();

    // 2b. Whether the segment joins the envelope the common way, supposing that the previous one did: nothing of
    // the envelope so far is popped and the segment's first parabola stays (joins of -1 mark a first segment).
    if (size > 0)
    {
        bool easy = true;
        if (previous >= 0)
        {
            int m = sizes[previous];
            int top_start = m == 1 ? max_int(joins[previous], 0) : env_start[(m - 1) * T + previous];
            easy = top_start < height && join > top_start && (size == 1 || join < env_start[T + tid]);
        }
        if (!easy) atomic_or(hard + col * mask_words + seg / 32, 1u << (seg % 32));
    }
    sync_threads();

    // 2c. Segments before the first that does not join the common way need no merge: each writes its own run.
    const int first_hard = first_bit(hard + col * mask_words, mask_words, segments);
    if (size > 0 && seg < first_hard)
    {
        const int r = count_bits_below(nonempty + col * mask_words, seg) * cols + col;
        run_seg[r] = tid;
        run_lo[r] = 0;
        run_hi[r] = size;
        run_start[r] = previous < 0 ? 0 : join;
    }
    sync_threads();

    // 2d. From there, one thread per column merges the segments left to right. Adding segment s's parabolas in order
    // to the envelope so far, as the sequential algorithm would, pops some of its last parabolas; once one of s's
    // parabolas stays (its new starting row is below its successor's), the rest of s's envelope follows unchanged.
    if (seg == 0 && active)
    {
        int runs = count_bits_below(nonempty + col * mask_words, first_hard);
        int top_q = 0, top_start = 0;
        long long top_f = 0;
        if (runs > 0 && first_hard < segments)
        {
            const int rr = (runs - 1) * cols + col;
            const int k = run_hi[rr] - 1;
            const int at = k * T + run_seg[rr];
            top_q = env_q[at];
            top_f = square(env_g[at]) + square(top_q);
            top_start = k == run_lo[rr] ? run_start[rr] : env_start[at];
        }
        for (int s = first_hard; s < segments; s++)
        {
            const int t = s * cols + col;
            const int m = sizes[t];
            if (m == 0) continue;
            int lo = 0;
            int start = 0;
            const int join_t = joins[t];
            // The common case: nothing is popped and the segment's first parabola stays.
            bool fast = runs == 0 || (top_start < height && join_t > top_start && (m == 1 || join_t < env_start[T + t]));
            if (fast)
            {
                start = runs == 0 ? 0 : join_t;
            }
            else
            {
                for (lo = 0;; lo++)
                {
                    const int q = env_q[lo * T + t];
                    const long long fq = square(env_g[lo * T + t]) + square(q);
                    start = 0;
                    while (runs > 0)
                    {
                        if (keeps_top(top_q, top_f, top_start, q, fq, height))
                        {
                            start = crossing(top_q, top_f, q, fq, height);
                            break;
                        }
                        const int r = (runs - 1) * cols + col;
                        const int hi = run_hi[r] - 1;
                        if (hi == run_lo[r])
                        {
                            runs--;
                        }
                        else
                        {
                            run_hi[r] = hi;
                        }
                        if (runs > 0)
                        {
                            const int rr = (runs - 1) * cols + col;
                            const int k = run_hi[rr] - 1;
                            const int at = k * T + run_seg[rr];
                            top_q = env_q[at];
                            top_f = square(env_g[at]) + square(top_q);
                            top_start = k == run_lo[rr] ? run_start[rr] : env_start[at];
                        }
                    }
                    // Its successor would pop it at once: it is not part of the envelope.
                    if (lo + 1 < m && env_start[(lo + 1) * T + t] <= start) continue;
                    break;
                }
            }
            const int r = runs * cols + col;
            run_seg[r] = t;
            run_lo[r] = lo;
            run_hi[r] = m;
            run_start[r] = start;
            runs++;
            const int at = (m - 1) * T + t;
            top_q = env_q[at];
            top_f = square(env_g[at]) + square(top_q);
            top_start = m - 1 == lo ? start : env_start[at];
        }
        run_count[col] = runs;
    }
    sync_threads();

    // 3. This thread's band of rows, walking the merged envelope from the parabola that is lowest at its first row.
    if (!active) return;
    const int y0 = seg * out_len;
    const int y1 = min_int(y0 + out_len, height);
    if (y0 >= y1) return;
    const int runs = run_count[col];
    if (runs == 0)
    {
        if (mode == MODE_DISTANCES)
        {
            for (int y = y0; y < y1; y++) distances[(long long)y * width + x] = NO_TARGET;
        }
        return; // No stroke and no shadow anywhere in the column.
    }
    // The last run, then the last parabola of it, that starts at or before y0 (the first run starts at row 0).
    int a = 0, b = runs - 1;
    while (a < b)
    {
        int mid = (a + b + 1) >> 1;
        if (run_start[mid * cols + col] <= y0) a = mid; else b = mid - 1;
    }
    int r = a;
    int t = run_seg[r * cols + col];
    int k_end = run_hi[r * cols + col];
    a = run_lo[r * cols + col];
    b = k_end - 1;
    while (a < b)
    {
        int mid = (a + b + 1) >> 1;
        if (env_start[mid * T + t] <= y0) a = mid; else b = mid - 1;
    }
    int k = a;
    int v = env_q[k * T + t];
    long long fv = square(env_g[k * T + t]);
    int next_start = k + 1 < k_end ? env_start[(k + 1) * T + t] : (r + 1 < runs ? run_start[(r + 1) * cols + col] : height);
    // OUT_BATCH rows at a time, so that the pixels a stroke or shadow needs are read together.
    for (int y_batch = y0; y_batch < y1; y_batch += OUT_BATCH)
    {
        int d2[OUT_BATCH];
#pragma unroll
        for (int i = 0; i < OUT_BATCH; i++)
        {
            const int y = y_batch + i;
            d2[i] = NO_TARGET;
            if (y < y1)
            {
                while (next_start <= y)
                {
                    if (k + 1 < k_end)
                    {
                        k++;
                    }
                    else
                    {
                        r++;
                        t = run_seg[r * cols + col];
                        k = run_lo[r * cols + col];
                        k_end = run_hi[r * cols + col];
                    }
                    v = env_q[k * T + t];
                    fv = square(env_g[k * T + t]);
                    next_start = k + 1 < k_end ? env_start[(k + 1) * T + t] : (r + 1 < runs ? run_start[(r + 1) * cols + col] : height);
                }
                d2[i] = clamp_distance(square(y - v) + fv);
            }
        }
        if (mode == MODE_DISTANCES)
        {
#pragma unroll
            for (int i = 0; i < OUT_BATCH; i++)
            {
                if (y_batch + i < y1) distances[(long long)(y_batch + i) * width + x] = d2[i];
            }
            continue;
        }
        float alpha[OUT_BATCH];
        uint p[OUT_BATCH];
#pragma unroll
        for (int i = 0; i < OUT_BATCH; i++)
        {
            alpha[i] = mode == MODE_STROKE ? stroke_alpha(d2[i], p0, color) : shadow_alpha(d2[i], p0, p1);
            p[i] = alpha[i] != 0.0f ? pixels[(long long)(y_batch + i) * width + x] : 0u;
        }
#pragma unroll
        for (int i = 0; i < OUT_BATCH; i++)
        {
            if (alpha[i] == 0.0f) continue;
            uint q = mode == MODE_STROKE ? stroke_apply(p[i], alpha[i], color, inner) : shadow_apply(p[i], alpha[i], color, inner);
            if (q != p[i]) pixels[(long long)(y_batch + i) * width + x] = q;
        }
    }
}
