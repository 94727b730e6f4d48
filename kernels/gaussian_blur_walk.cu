// Gaussian blur variants for small radii (PHOTOFF_BLUR_VARIANT=walk / prefetch, see CudaBackend.GaussianBlur.cs).
// Same sums in the same order as CpuBackend.GaussianBlur: every output is acc = 0; for k = 0..2h:
// acc = fma(w[k], p[k], acc), rows then columns. Instantiated only for the half-widths the benchmark uses
// (walk: 8 and 12, radius 5 and 8; prefetch: 8, 12, 15); other half-widths fall back to the fused tiles.
#include "gaussian_blur.cuh"

// ---------------------------------------------------------------------------------------------------------------
// Column walk. A block of WALK_W threads owns a strip of WALK_W columns and `segment` output rows; thread t owns
// column x0 + t. It walks down the input rows y0 - HALF .. y0 + segment + HALF - 1, one row per step:
//   - the row's segment (WALK_W + 2 HALF pixels, edges clamped) is premultiplied into shared memory, double
//     buffered (row i + 1 is stored while row i is read; one barrier per step), its pixels loaded one step ahead;
//   - the thread sums its column's horizontal taps in index order (TAPS conflict-free ld.shared.v4);
//   - that horizontal value v is tap k of output row o = i - k for k = 0..2 HALF: acc[o % TAPS] =
//     fma(w[k], v, acc[o % TAPS]), k = 0 starting from 0; taps reach every output in index order because the
//     rows arrive top to bottom. After k = 2 HALF output o = i - 2 HALF is complete and is written.
// The accumulators are a register ring of TAPS float4 values; the step loop is unrolled over a period of TAPS
// rows so that every ring index is a compile-time constant (no local memory). Shared memory: 2 rows, <= 5 KB.
#define WALK_W 128

// One step of the walk: input row i = base + J of the period.
template <int HALF, int J>
static __device__ __forceinline__ void walk_step(float4v (&rows)[2][WALK_W + 2 * HALF], float4v (&acc)[2 * HALF + 1],
                                                 const float (&w)[2 * HALF + 1], uint (&pending)[(2 * HALF + 2 * WALK_W - 1) / WALK_W],
                                                 const int (&columns)[(2 * HALF + 2 * WALK_W - 1) / WALK_W], const uint* src, uint* out,
                                                 int width, int height, int y0, int outputs, int base, int t, bool inside)
{
    constexpr int TAPS = 2 * HALF + 1;
    constexpr int SPAN = WALK_W + 2 * HALF;
    constexpr int LOADS = (SPAN + WALK_W - 1) / WALK_W;
    const int i = base + J;
    float4v* current = rows[i & 1];
    float4v* next = rows[(i + 1) & 1];

    // Row i + 1 into the other buffer; the loads of row i + 2 are issued now and used a step later.
#pragma unroll
    for (int l = 0; l < LOADS; l++)
        if (t + l * WALK_W < SPAN) next[t + l * WALK_W] = premultiply_fast(pending[l]);
    const uint* ahead = src + (long)clamp_int(y0 - HALF + i + 2, 0, height - 1) * width;
#pragma unroll
    for (int l = 0; l < LOADS; l++)
        if (t + l * WALK_W < SPAN) pending[l] = load_nc(ahead + columns[l]);

    // Horizontal sum of row i at this column.
    float4v v = zero4();
#pragma unroll
    for (int k = 0; k < TAPS; k++) v = fma4(w[k], current[t + k], v);

    // v is tap k of output i - k, ring slot (J - k) mod TAPS.
    acc[J] = fma4(w[0], v, zero4());
#pragma unroll
    for (int k = 1; k < TAPS; k++) acc[(J - k + TAPS) % TAPS] = fma4(w[k], v, acc[(J - k + TAPS) % TAPS]);

    const int o = i - 2 * HALF;
    if (o >= 0 && o < outputs && inside) out[(long)(y0 + o) * width] = unpremultiply_fast(acc[(J + 1) % TAPS]);
    sync_threads();
}

// The steps J .. TAPS - 1 of a period, unrolled by recursion (every ring index a constant).
template <int HALF, int J>
struct WalkPeriod
{
    template <typename... Args>
    static __device__ __forceinline__ void run(Args&&... args)
    {
        walk_step<HALF, J>(args...);
        WalkPeriod<HALF, J + 1>::run(args...);
    }
};

#define WALK_PERIOD_END(H)                                                                                           \
    template <>                                                                                                       \
    struct WalkPeriod<H, 2 * H + 1>                                                                                   \
    {                                                                                                                 \
        template <typename... Args>                                                                                   \
        static __device__ __forceinline__ void run(Args&&...) {}                                                      \
    };

template <int HALF>
static __device__ __forceinline__ void blur_walk(const uint* src, uint* dst, int width, int height, const float* weights, int segment)
{
    constexpr int TAPS = 2 * HALF + 1;
    constexpr int SPAN = WALK_W + 2 * HALF;
    constexpr int LOADS = (SPAN + WALK_W - 1) / WALK_W;
    __shared__ float4v rows[2][SPAN];

    const int t = thread_x();
    const int x0 = block_x() * WALK_W;
    const int y0 = block_y() * segment;
    const int outputs = height - y0 < segment ? height - y0 : segment;
    const int steps = outputs + 2 * HALF;

    float w[TAPS];
#pragma unroll
    for (int k = 0; k < TAPS; k++) w[k] = load_nc(weights + k);

    int columns[LOADS];
#pragma unroll
    for (int l = 0; l < LOADS; l++) columns[l] = clamp_int(x0 - HALF + t + l * WALK_W, 0, width - 1);

    uint pending[LOADS];
    const uint* row0 = src + (long)clamp_int(y0 - HALF, 0, height - 1) * width;
#pragma unroll
    for (int l = 0; l < LOADS; l++)
        if (t + l * WALK_W < SPAN) pending[l] = load_nc(row0 + columns[l]);

    float4v acc[TAPS];
#pragma unroll
    for (int k = 0; k < TAPS; k++) acc[k] = zero4();

    // Row 0 into buffer 0, the loads of row 1 issued.
#pragma unroll
    for (int l = 0; l < LOADS; l++)
        if (t + l * WALK_W < SPAN) rows[0][t + l * WALK_W] = premultiply_fast(pending[l]);
    const uint* row1 = src + (long)clamp_int(y0 - HALF + 1, 0, height - 1) * width;
#pragma unroll
    for (int l = 0; l < LOADS; l++)
        if (t + l * WALK_W < SPAN) pending[l] = load_nc(row1 + columns[l]);
    sync_threads();

    const int x = x0 + t;
    const bool inside = x < width;
    uint* out = dst + (inside ? x : 0);
    for (int base = 0; base < steps; base += TAPS)
        WalkPeriod<HALF, 0>::run(rows, acc, w, pending, columns, src, out, width, height, y0, outputs, base, t, inside);
}

#define WALK_ENTRY(H)                                                                                               \
    extern "C" __global__ LAUNCH_BOUNDS(WALK_W, 4) void gaussian_blur_walk_h##H(const uint* src, uint* dst, int width, int height, \
                                                                                const float* weights, int segment)  \
    {                                                                                                               \
        blur_walk<H>(src, dst, width, height, weights, segment);                                                   \
    }

WALK_PERIOD_END(8)
WALK_ENTRY(8)
WALK_PERIOD_END(12)
WALK_ENTRY(12)


// ---------------------------------------------------------------------------------------------------------------
// PHOTOFF_BLUR_VARIANT=prefetch: the fused 32 x 64 tile with phase 0's loads issued together.
#define FUSED_PREFETCH_ENTRY(H)                                                                                     \
    extern "C" __global__ LAUNCH_BOUNDS(256, 2) void gaussian_blur_fusedpf_h##H##_t64(const uint* src, uint* dst, int width, int height, \
                                                                                     const float* weights)           \
    {                                                                                                               \
        blur_fused<H, 64, true>(src, dst, width, height, weights);                                                  \
    }

FUSED_PREFETCH_ENTRY(8)
FUSED_PREFETCH_ENTRY(12)
FUSED_PREFETCH_ENTRY(15)
