using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    /// <summary>Largest kernel half-width served by the fused tile kernels (one entry point per half-width).</summary>
    private const int MaxFusedHalf = 16;

    private const int FusedTileWidth = 32;

    /// <summary>Outputs of one row per block of the two-pass row kernel (128 threads x 8).</summary>
    private const int RowSegment = 1024;

    private const int ColumnTileWidth = 32;
    private const int ColumnTileHeight = 64;

    /// <summary>The shared memory a column block may use so that two blocks share a multiprocessor of 228 KB.</summary>
    private const int ColumnSharedBudget = 113 * 1024;

    /// <summary>
    /// Fused tiles of 32 x 64 (gaussian_blur.cu) where their shared memory fits, else 32 x 32 tiles
    /// (gaussian_blur_tile32.cu, for GPUs with less shared memory per block), up to 16 taps each side; then two passes
    /// through a float4 intermediate (gaussian_blur.cu). All of them give the CPU's bits.
    /// </summary>
    public void GaussianBlur(PixelBuffer source, PixelBuffer destination, int width, int height, ReadOnlySpan<float> weights)
    {
        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        int half = weights.Length / 2;
        using PixelBuffer weightBuffer = UploadFloats(weights, output);
        CuDevicePtr w = Own(weightBuffer).Pointer;
        if (FusedTileHeight(half, SharedMemoryPerBlock()) is int tileHeight)
        {
            uint shared = FusedSharedBytes(half, tileHeight);
            CudaKernel fused = Kernel(tileHeight == 64 ? "gaussian_blur" : "gaussian_blur_tile32", $"gaussian_blur_fused_h{half}_t{tileHeight}");
            EnsureSharedMemory(fused, shared);
            fused.Launch(output.Stream, Dim3.Cover(width, height, new Dim3(FusedTileWidth, (uint)tileHeight)), new Dim3((uint)(4 * tileHeight)), shared,
                [input.Pointer, output.Pointer, width, height, w]);
            return;
        }

        TwoPassBlur(input, output, width, height, w, half);
    }

    /// <summary>The rows of the fused tile for this half-width, 64 or 32: the taller whose shared memory fits
    /// <paramref name="sharedMemoryPerBlock"/>; null past 16 taps each side or when neither fits (two passes then).</summary>
    internal static int? FusedTileHeight(int half, int sharedMemoryPerBlock)
    {
        if (half > MaxFusedHalf)
        {
            return null;
        }

        foreach (int tileHeight in (ReadOnlySpan<int>)[64, 32])
        {
            if (FusedSharedBytes(half, tileHeight) <= sharedMemoryPerBlock)
            {
                return tileHeight;
            }
        }

        return null;
    }

    /// <summary>Dynamic shared memory of gaussian_blur_fused_h{half}_t{tileHeight}, as blur_fused lays it out.</summary>
    private static uint FusedSharedBytes(int half, int tileHeight)
    {
        int rows = tileHeight + 2 * half;
        return (uint)(rows * (FusedTileWidth + 2 * half + 1 + FusedTileWidth + 1) * 16);
    }

    /// <summary>Two passes through a float4 intermediate; the taps are padded with zero weights to a multiple of 8.</summary>
    private void TwoPassBlur(CudaPixelBuffer input, CudaPixelBuffer output, int width, int height, CuDevicePtr w, int half)
    {
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
        int budget = Math.Min(ColumnSharedBudget, SharedMemoryPerBlock());
        int rowBytes = ColumnTileWidth * 16;
        int chunk = ((budget - padded * 4) / rowBytes - ColumnTileHeight - 7) / 8 * 8;
        chunk = Math.Clamp(chunk, 8, padded);
        uint columnShared = (uint)(padded * 4 + (ColumnTileHeight + chunk + 7) * rowBytes);
        CudaKernel columns = Kernel("gaussian_blur", "gaussian_blur_columns_wide");
        EnsureSharedMemory(columns, columnShared);
        columns.Launch(output.Stream, Dim3.Cover(width, height, new Dim3(ColumnTileWidth, ColumnTileHeight)), new Dim3(256), columnShared,
            [mid, output.Pointer, width, height, w, half, padded, chunk]);
    }
}
