// Per-channel histograms (CpuBackend.ChannelHistograms) and difference histograms (CpuBackend.DifferenceHistograms).
// Each block counts into shared memory, then adds its non-zero bins to the global counters: integer counts, so the
// result does not depend on the order and equals the CPU's exactly. The grid strides over the image four pixels at
// a time; the last count % 4 pixels are counted by the first threads.
#include "reduce.cuh"

DEVICE void count_pixel(uint* bins, uint pixel)
{
    atomic_add_u32(bins + channel(pixel, 0), 1u);
    atomic_add_u32(bins + HISTOGRAM_BINS + channel(pixel, 1), 1u);
    atomic_add_u32(bins + 2 * HISTOGRAM_BINS + channel(pixel, 2), 1u);
    atomic_add_u32(bins + 3 * HISTOGRAM_BINS + channel(pixel, 3), 1u);
}

// histograms: 4 x 256 counters, zeroed by the host.
extern "C" __global__ void channel_histograms(const uint* src, long count, uint* histograms)
{
    __shared__ uint bins[4 * HISTOGRAM_BINS];
    const int threads = block_dim_x();
    const int t = thread_x();
    for (int i = t; i < 4 * HISTOGRAM_BINS; i += threads) bins[i] = 0u;
    sync_threads();

    const long first = (long)block_x() * threads + t;
    const long stride = (long)grid_dim_x() * threads;
    const long quads = count / 4;
    const uint4e* src4 = (const uint4e*)src;
    for (long i = first; i < quads; i += stride)
    {
        uint4e q = load_nc4(src4 + i);
        count_pixel(bins, q.x);
        count_pixel(bins, q.y);
        count_pixel(bins, q.z);
        count_pixel(bins, q.w);
    }
    if (first < count - quads * 4) count_pixel(bins, load_nc(src + quads * 4 + first));
    sync_threads();

    for (int i = t; i < 4 * HISTOGRAM_BINS; i += threads)
        if (bins[i] != 0u) atomic_add_u32(histograms + i, bins[i]);
}

// Counts |a - b| per channel and the pixel's largest channel difference; writes |a - b| for R, G, B with alpha 255
// to dst unless it is null.
DEVICE void count_difference(uint* bins, uint a, uint b, uint* dst)
{
    uint dr = abs_difference(channel(a, 0), channel(b, 0));
    uint dg = abs_difference(channel(a, 1), channel(b, 1));
    uint db = abs_difference(channel(a, 2), channel(b, 2));
    uint da = abs_difference(channel(a, 3), channel(b, 3));
    uint largest = dr > dg ? dr : dg;
    largest = largest > db ? largest : db;
    largest = largest > da ? largest : da;
    atomic_add_u32(bins + dr, 1u);
    atomic_add_u32(bins + HISTOGRAM_BINS + dg, 1u);
    atomic_add_u32(bins + 2 * HISTOGRAM_BINS + db, 1u);
    atomic_add_u32(bins + 3 * HISTOGRAM_BINS + da, 1u);
    atomic_add_u32(bins + 4 * HISTOGRAM_BINS + largest, 1u);
    if (dst) *dst = dr | (dg << 8) | (db << 16) | 0xFF000000u;
}

// histograms: 5 x 256 counters, zeroed by the host. dst may be null.
extern "C" __global__ void difference_histograms(const uint* a, const uint* b, long count, uint* dst, uint* histograms)
{
    __shared__ uint bins[5 * HISTOGRAM_BINS];
    const int threads = block_dim_x();
    const int t = thread_x();
    for (int i = t; i < 5 * HISTOGRAM_BINS; i += threads) bins[i] = 0u;
    sync_threads();

    const long first = (long)block_x() * threads + t;
    const long stride = (long)grid_dim_x() * threads;
    const long quads = count / 4;
    const uint4e* a4 = (const uint4e*)a;
    const uint4e* b4 = (const uint4e*)b;
    for (long i = first; i < quads; i += stride)
    {
        uint4e p = load_nc4(a4 + i);
        uint4e q = load_nc4(b4 + i);
        uint* out = dst ? dst + i * 4 : 0;
        count_difference(bins, p.x, q.x, out);
        count_difference(bins, p.y, q.y, out ? out + 1 : 0);
        count_difference(bins, p.z, q.z, out ? out + 2 : 0);
        count_difference(bins, p.w, q.w, out ? out + 3 : 0);
    }
    if (first < count - quads * 4)
    {
        long i = quads * 4 + first;
        count_difference(bins, load_nc(a + i), load_nc(b + i), dst ? dst + i : 0);
    }
    sync_threads();

    for (int i = t; i < 5 * HISTOGRAM_BINS; i += threads)
        if (bins[i] != 0u) atomic_add_u32(histograms + i, bins[i]);
}
