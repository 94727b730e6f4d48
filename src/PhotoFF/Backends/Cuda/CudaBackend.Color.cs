using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

/// <summary>The per-pixel kernels of kernels/color.cu: each thread moves four pixels.</summary>
public sealed partial class CudaBackend
{
    private const uint ColorBlock = 256;

    /// <summary>The grid for <paramref name="width"/> x <paramref name="height"/> pixels, four a thread.</summary>
    private static Dim3 ColorGrid(int width, int height) => Dim3.Cover(((long)width * height + 3) / 4, ColorBlock);
}
