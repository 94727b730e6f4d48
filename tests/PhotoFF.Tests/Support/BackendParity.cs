using PhotoFF.Imaging;

namespace PhotoFF.Tests.Support;

/// <summary>Runs one operation on both backends from the same random input and asserts the CUDA result equals the
/// CPU reference within 1 per channel (DESIGN.md). The CUDA backend is <see cref="TestBackends.Cuda"/> unless another
/// is given (<see cref="TestBackends.CudaWithSharedMemory"/>, for the fallbacks).</summary>
internal static class BackendParity
{
    public static void Check(int width, int height, int seed, Action<CudaImage> operation, int tolerance = 1, Backends.IImageBackend? cuda = null)
    {
        byte[] input = RandomImages.Rgba(width, height, seed);
        byte[] expected = Run(TestBackends.Cpu, input, width, height, operation, out int cpuWidth);
        byte[] actual = Run(cuda ?? TestBackends.Cuda, input, width, height, operation, out _);
        PixelAssert.Equal(expected, actual, cpuWidth, tolerance, $"CUDA vs CPU on {width}x{height}");
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on an image of <paramref name="input"/> whose buffer holds twice its pixels,
    /// the second half poisoned: an operation that changes the image's size within its buffer and leaves pixels
    /// unwritten shows poison there. (Buffers the operation rents are poisoned as they are rented: RuntimeFixture.)
    /// </summary>
    public static byte[] Run(Backends.IImageBackend backend, byte[] input, int width, int height, Action<CudaImage> operation, out int resultWidth)
    {
        using CudaImage image = CudaImage.FromPixels(RandomImages.Poison(2 * input.Length), width, 2 * height, backend);
        image.Load(input, width, height);
        operation(image);
        resultWidth = image.Width;
        return image.ToArray();
    }
}
