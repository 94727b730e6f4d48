using System.Runtime.InteropServices;
using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    private const uint ResizeBlock = 256;

    /// <summary>Output columns per block of resize_tiled (one per lane).</summary>
    private const int TiledWidth = 32;

    /// <summary>Pixels of the source window one resize_tiled chunk loads: 8 per thread of 256, held in registers.</summary>
    private const int TiledChunkPixels = 2048;

    private const int TiledMaxChunkRows = 32;

    /// <summary>Shared memory of a resize_tiled block, at most: two blocks (16 warps) share a multiprocessor.</summary>
    private const int TiledSharedBudget = 110 * 1024;

    public void Resize(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int destinationWidth, int destinationHeight,
        int x, int y, ResampleTable columns, ResampleTable rows, uint background)
    {
        ResampleTable.CheckResize(sourceWidth, sourceHeight, destinationWidth, destinationHeight, x, y, columns, rows);
        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        TiledResize? tiled = PlanTiled(columns, rows, SharedMemoryPerBlock());
        ResampleTiles columnTable = columns.Tiles(TiledWidth);
        ResampleTiles rowTable = rows.Tiles(tiled?.TileHeight ?? TiledWidth);
        using PixelBuffer columnBuffer = UploadInts(columnTable.Packed, output);
        using PixelBuffer rowBuffer = UploadInts(rowTable.Packed, output);
        CuDevicePtr columnPointer = Own(columnBuffer).Pointer;
        CuDevicePtr rowPointer = Own(rowBuffer).Pointer;
        if (tiled is { } plan)
        {
            if (x != 0 || y != 0 || destinationWidth != columns.Length || destinationHeight != rows.Length)
            {
                CudaMemory.Fill32(output.Pointer, background, (long)destinationWidth * destinationHeight, output.Stream);
            }

            CudaKernel kernel = Kernel("resize", "resize_tiled");
            EnsureSharedMemory(kernel, plan.SharedBytes);
            kernel.Launch(output.Stream, new Dim3((uint)((columns.Length + TiledWidth - 1) / TiledWidth), (uint)((rows.Length + plan.TileHeight - 1) / plan.TileHeight)),
                new Dim3(ResizeBlock), plan.SharedBytes,
                [input.Pointer, sourceWidth, sourceHeight, output.Pointer, destinationWidth, x, y, columns.Length, rows.Length,
                 columnPointer, columns.Taps, plan.WindowWidth, rowPointer, rows.Taps, plan.WindowHeight, plan.TileHeight, plan.ChunkRows,
                 plan.Pitch, plan.Magic]);
            return;
        }

        // Two passes through a float intermediate in device memory (resize_rows, resize_columns): the spans and
        // weights lead each packed table.
        int width = columns.Length;
        int middleRows = rows.End - rows.First;
        using PixelBuffer middle = Allocate((long)width * middleRows * 16, output);
        CuDevicePtr mid = Own(middle).Pointer;
        Kernel("resize", "resize_rows").Launch(output.Stream, Dim3.Cover((long)width * middleRows, ResizeBlock), new Dim3(ResizeBlock), 0,
            [input.Pointer, sourceWidth, sourceHeight, mid, width, rows.First, middleRows,
             columnPointer, columnPointer.Offset(columns.Spans.Length * 4L), columns.Taps]);
        Kernel("resize", "resize_columns").Launch(output.Stream, Dim3.Cover((long)destinationWidth * destinationHeight, ResizeBlock), new Dim3(ResizeBlock), 0,
            [mid, width, rows.Length, rows.First, middleRows, output.Pointer, destinationWidth, destinationHeight, x, y,
             rowPointer, rowPointer.Offset(rows.Spans.Length * 4L), rows.Taps, background]);
    }

    /// <summary>resize_tiled's launch: tile height, source window, chunk of window rows per load, the chunk's row
    /// pitch in float4 (skewed by one per 8), ceil(2^31 / window width), and the block's shared memory.</summary>
    internal readonly record struct TiledResize(int TileHeight, int WindowWidth, int WindowHeight, int ChunkRows, int Pitch, uint Magic, uint SharedBytes);

    /// <summary>resize_tiled's tallest tile (128, 64, 32, 16 or 8 rows) whose source window fits the shared memory
    /// budget; null when none does (a reduction by more than about 60 times, or little shared memory), and the
    /// two-pass kernels run.</summary>
    internal static TiledResize? PlanTiled(ResampleTable columns, ResampleTable rows, int sharedMemoryPerBlock)
    {
        int windowWidth = columns.Tiles(TiledWidth).Window;
        if (windowWidth > TiledChunkPixels)
        {
            return null;
        }

        int budget = Math.Min(TiledSharedBudget, sharedMemoryPerBlock);
        int pitch = windowWidth - 1 + ((windowWidth - 1) >> 3) + 1;
        uint magic = (uint)(((1L << 31) + windowWidth - 1) / windowWidth);
        foreach (int tileHeight in new[] { 128, 64, 32, 16, 8 })
        {
            if ((rows.Length + tileHeight - 1) / tileHeight > 65535)
            {
                break;
            }

            int windowHeight = rows.Tiles(tileHeight).Window;
            int chunk = Math.Min(Math.Min(windowHeight, TiledChunkPixels / windowWidth), TiledMaxChunkRows);
            long bytes = 16L * (windowHeight * TiledWidth + chunk * pitch)
                + 4L * (columns.Taps * TiledWidth + 2 * TiledWidth + tileHeight * (long)rows.Taps + 2 * tileHeight);
            if (bytes <= budget)
            {
                return new TiledResize(tileHeight, windowWidth, windowHeight, chunk, pitch, magic, (uint)bytes);
            }
        }

        return null;
    }

    /// <summary>A small device array of ints (a resample table), ordered on <paramref name="queue"/>'s stream;
    /// dispose it after the launches that read it have been queued.</summary>
    internal PixelBuffer UploadInts(ReadOnlySpan<int> values, CudaPixelBuffer queue)
    {
        PixelBuffer buffer = Allocate((long)values.Length * sizeof(int), queue);
        Upload(MemoryMarshal.AsBytes(values), buffer);
        return buffer;
    }
}
