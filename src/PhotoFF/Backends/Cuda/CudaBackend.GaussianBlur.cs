using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

public sealed partial class CudaBackend
{
    private const int Tile = 32;

    /// <summary>Largest kernel half-width served by the fused tiled kernel; its shared memory grows with it.</summary>
    private const int MaxTiledHalf = 16;

    private const int MaxDynamicSharedMemoryAttribute = 8;

    public void GaussianBlur(PixelBuffer source, PixelBuffer destination, int width, int height, ReadOnlySpan<float> weights)
    {
        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        int half = weights.Length / 2;
        using PixelBuffer weightBuffer = UploadFloats(weights, output);
        CuDevicePtr w = Own(weightBuffer).Pointer;

        if (half <= MaxTiledHalf)
        {
            int span = Tile + 2 * half;
            uint shared = (uint)((span * span + span * Tile) * 16);
            CudaKernel tiled = Kernel("gaussian_blur", "gaussian_blur_tiled");
            EnsureSharedMemory(tiled, shared);
            tiled.Launch(output.Stream, Dim3.Cover(width, height, new Dim3(Tile, Tile)), new Dim3(32, 8), shared,
                [input.Pointer, output.Pointer, width, height, w, half]);
            return;
        }

        Dim3 block = new(32, 8);
        Dim3 grid = Dim3.Cover(width, height, block);
        using PixelBuffer intermediate = Allocate((long)width * height * 16, output);
        CuDevicePtr mid = Own(intermediate).Pointer;
        Kernel("gaussian_blur", "gaussian_blur_rows").Launch(output.Stream, grid, block, 0, [input.Pointer, mid, width, height, w, half]);
        Kernel("gaussian_blur", "gaussian_blur_columns").Launch(output.Stream, grid, block, 0, [mid, output.Pointer, width, height, w, half]);
    }

    private static void EnsureSharedMemory(CudaKernel kernel, uint bytes)
    {
        if (bytes > 48 * 1024)
        {
            CudaException.ThrowIfFailed(NativeMethods.cuFuncSetAttribute(kernel.Function, MaxDynamicSharedMemoryAttribute, (int)bytes));
        }
    }
}
