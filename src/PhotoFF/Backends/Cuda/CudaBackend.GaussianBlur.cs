using System.Collections.Concurrent;
using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    /// <summary>
    /// Benchmarking switch: which set of blur kernels runs, read at every call so that one benchmark process can
    /// time them all. Unset or "fast": fused 32 x 64 tiles (loads prefetched) up to 16 taps each side, then the two-pass kernels with
    /// register runs. "t32": fused 32 x 32 tiles and 64-tap chunks in the column pass. "legacy": the first kernels.
    /// "walk": the column walk of gaussian_blur_walk.cu for half-widths 8 and 12, "prefetch": the fused tile with
    /// its loads issued together for half-widths 8, 12 and 15; both "fast" otherwise. All of them give the same bits.
    /// </summary>
    public const string BlurVariantVariable = "PHOTOFF_BLUR_VARIANT";

    /// <summary>The values <see cref="BlurVariantVariable"/> takes.</summary>
    public static IReadOnlyList<string> BlurVariants { get; } = ["fast", "t32", "legacy", "walk", "prefetch"];

    /// <summary>Largest kernel half-width served by the fused tile kernels (one entry point per half-width).</summary>
    private const int MaxFusedHalf = 16;

    private const int FusedTileWidth = 32;

    /// <summary>Outputs of one row per block of the two-pass row kernel (128 threads x 8).</summary>
    private const int RowSegment = 1024;

    private const int ColumnTileWidth = 32;
    private const int ColumnTileHeight = 64;

    /// <summary>The shared memory a column block may use so that two blocks share a multiprocessor of 228 KB.</summary>
    private const int ColumnSharedBudget = 113 * 1024;

    private const int LegacyTile = 32;
    private const int LegacyMaxTiledHalf = 16;

    private readonly ConcurrentDictionary<CudaKernel, uint> sharedMemoryLimits = new();

    private int? sharedMemoryOptIn;

    public void GaussianBlur(PixelBuffer source, PixelBuffer destination, int width, int height, ReadOnlySpan<float> weights)
    {
        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        int half = weights.Length / 2;
        using PixelBuffer weightBuffer = UploadFloats(weights, output);
        CuDevicePtr w = Own(weightBuffer).Pointer;
        string variant = Environment.GetEnvironmentVariable(BlurVariantVariable) ?? "fast";
        switch (variant)
        {
            case "legacy":
                LegacyBlur(input, output, width, height, w, half);
                return;
            case "walk" when half is 8 or 12:
                WalkBlur(input, output, width, height, w, half);
                return;
            case "prefetch" when half is 8 or 12 or 15 && FusedSharedBytes(half, 64) <= SharedMemoryOptIn():
                uint fusedShared = FusedSharedBytes(half, 64);
                CudaKernel prefetch = Kernel("gaussian_blur_walk", $"gaussian_blur_fusedpf_h{half}_t64");
                EnsureSharedMemory(prefetch, fusedShared);
                prefetch.Launch(output.Stream, Dim3.Cover(width, height, new Dim3(FusedTileWidth, 64)), new Dim3(256), fusedShared,
                    [input.Pointer, output.Pointer, width, height, w]);
                return;
            case "t32":
                Blur(input, output, width, height, w, half, fusedTileHeight: 32, columnChunkLimit: 64);
                return;
            default:
                Blur(input, output, width, height, w, half, fusedTileHeight: 64, columnChunkLimit: int.MaxValue);
                return;
        }
    }

    /// <summary>Dynamic shared memory of gaussian_blur_fused_h{half}_t{tileHeight}, as blur_fused lays it out.</summary>
    private static uint FusedSharedBytes(int half, int tileHeight)
    {
        int rows = tileHeight + 2 * half;
        return (uint)(rows * (FusedTileWidth + 2 * half + 1 + FusedTileWidth + 1) * 16);
    }

    private void Blur(CudaPixelBuffer input, CudaPixelBuffer output, int width, int height, CuDevicePtr w, int half, int fusedTileHeight, int columnChunkLimit)
    {
        int optIn = SharedMemoryOptIn();
        if (half <= MaxFusedHalf)
        {
            // The tallest tile whose shared memory the device allows.
            int[] tileHeights = fusedTileHeight == 64 ? [64, 32] : [32];
            foreach (int tileHeight in tileHeights)
            {
                uint shared = FusedSharedBytes(half, tileHeight);
                if (shared > optIn)
                {
                    continue;
                }

                string file = tileHeight == 64 ? "gaussian_blur" : "gaussian_blur_variants";
                CudaKernel fused = Kernel(file, $"gaussian_blur_fused_h{half}_t{tileHeight}");
                EnsureSharedMemory(fused, shared);
                fused.Launch(output.Stream, Dim3.Cover(width, height, new Dim3(FusedTileWidth, (uint)tileHeight)), new Dim3((uint)(4 * tileHeight)), shared,
                    [input.Pointer, output.Pointer, width, height, w]);
                return;
            }
        }

        // Two passes through a float4 intermediate; the taps are padded with zero weights to a multiple of 8.
        int padded = (2 * half + 1 + 7) / 8 * 8;
        using PixelBuffer intermediate = Allocate((long)width * height * 16, output);
        CuDevicePtr mid = Own(intermediate).Pointer;

        int segment = RowSegment + padded + 7;
        uint rowShared = (uint)(padded * 4 + (segment + segment / 8 + 1) * 16);
        CudaKernel rows = Kernel("gaussian_blur", "gaussian_blur_rows_wide");
        EnsureSharedMemory(rows, rowShared);
        rows.Launch(output.Stream, new Dim3((uint)((width + RowSegment - 1) / RowSegment), (uint)height), new Dim3(RowSegment / 8), rowShared,
            [input.Pointer, mid, width, height, w, half, padded]);

        // As many taps per chunk as fit the budget (two blocks per multiprocessor), in multiples of 8.
        int budget = Math.Min(ColumnSharedBudget, optIn);
        int rowBytes = ColumnTileWidth * 16;
        int chunk = ((budget - padded * 4) / rowBytes - ColumnTileHeight - 7) / 8 * 8;
        chunk = Math.Clamp(Math.Min(chunk, columnChunkLimit), 8, padded);
        uint columnShared = (uint)(padded * 4 + (ColumnTileHeight + chunk + 7) * rowBytes);
        CudaKernel columns = Kernel("gaussian_blur", "gaussian_blur_columns_wide");
        EnsureSharedMemory(columns, columnShared);
        columns.Launch(output.Stream, Dim3.Cover(width, height, new Dim3(ColumnTileWidth, ColumnTileHeight)), new Dim3(256), columnShared,
            [mid, output.Pointer, width, height, w, half, padded, chunk]);
    }

    /// <summary>Columns per block of the column walk (one thread per column).</summary>
    private const int WalkWidth = 128;

    /// <summary>
    /// The column walk: a block per 128 columns x <c>segment</c> rows. The walk steps through segment + 2 half input
    /// rows in periods of 2 half + 1, so the segment is a whole number of periods less 2 half (no idle steps),
    /// about 128 rows: the 2 half halo rows cost about 13% at half-width 8.
    /// </summary>
    private void WalkBlur(CudaPixelBuffer input, CudaPixelBuffer output, int width, int height, CuDevicePtr w, int half)
    {
        int taps = 2 * half + 1;
        int periods = Math.Max(1, (128 + 2 * half + taps / 2) / taps);
        int segment = Math.Max(1, periods * taps - 2 * half);
        CudaKernel walk = Kernel("gaussian_blur_walk", $"gaussian_blur_walk_h{half}");
        walk.Launch(output.Stream, new Dim3((uint)((width + WalkWidth - 1) / WalkWidth), (uint)((height + segment - 1) / segment)), new Dim3(WalkWidth), 0,
            [input.Pointer, output.Pointer, width, height, w, segment]);
    }

    private void LegacyBlur(CudaPixelBuffer input, CudaPixelBuffer output, int width, int height, CuDevicePtr w, int half)
    {
        if (half <= LegacyMaxTiledHalf)
        {
            int span = LegacyTile + 2 * half;
            uint shared = (uint)((span * span + span * LegacyTile) * 16);
            CudaKernel tiled = Kernel("gaussian_blur_variants", "gaussian_blur_tiled");
            EnsureSharedMemory(tiled, shared);
            tiled.Launch(output.Stream, Dim3.Cover(width, height, new Dim3(LegacyTile, LegacyTile)), new Dim3(32, 8), shared,
                [input.Pointer, output.Pointer, width, height, w, half]);
            return;
        }

        Dim3 block = new(32, 8);
        Dim3 grid = Dim3.Cover(width, height, block);
        using PixelBuffer intermediate = Allocate((long)width * height * 16, output);
        CuDevicePtr mid = Own(intermediate).Pointer;
        Kernel("gaussian_blur_variants", "gaussian_blur_rows").Launch(output.Stream, grid, block, 0, [input.Pointer, mid, width, height, w, half]);
        Kernel("gaussian_blur_variants", "gaussian_blur_columns").Launch(output.Stream, grid, block, 0, [mid, output.Pointer, width, height, w, half]);
    }

    private int SharedMemoryOptIn() => sharedMemoryOptIn ??= Device.Attribute(CudaDeviceAttribute.MaxSharedMemoryPerBlockOptin);

    /// <summary>Raises the kernel's dynamic shared memory limit above the default 48 KB; never lowers it, so that
    /// launches from several threads cannot undo each other's setting.</summary>
    private void EnsureSharedMemory(CudaKernel kernel, uint bytes)
    {
        if (bytes <= 48 * 1024 || (sharedMemoryLimits.TryGetValue(kernel, out uint limit) && limit >= bytes))
        {
            return;
        }

        lock (sharedMemoryLimits)
        {
            uint current = sharedMemoryLimits.GetValueOrDefault(kernel);
            if (current < bytes)
            {
                kernel.SetAttribute(CudaFunctionAttribute.MaxDynamicSharedSizeBytes, (int)bytes);
                sharedMemoryLimits[kernel] = bytes;
            }
        }
    }
}
