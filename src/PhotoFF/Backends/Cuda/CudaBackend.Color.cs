using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

/// <summary>The per-pixel kernels of kernels/color.cu: each thread moves four pixels with 16-byte loads and stores.</summary>
internal sealed partial class CudaBackend
{
    private const uint ColorBlock = 256;

    /// <summary>The grid for <paramref name="width"/> x <paramref name="height"/> pixels, four a thread.</summary>
    private static Dim3 ColorGrid(int width, int height) => Dim3.Cover(((long)width * height + 3) / 4, ColorBlock);

    /// <summary>The buffer's address for the 16-byte accesses of kernels/color.cu. Pool buffers are 256-byte aligned;
    /// this refuses anything else here rather than let a misaligned access break the context.</summary>
    private static CuDevicePtr Aligned16(CudaPixelBuffer buffer) =>
        (buffer.Pointer.Address & 15) == 0
            ? buffer.Pointer
            : throw new InvalidOperationException($"Pixel buffer at {buffer.Pointer} is not 16-byte aligned.");
}
