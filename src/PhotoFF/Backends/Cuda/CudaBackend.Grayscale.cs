using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void Grayscale(PixelBuffer image, int width, int height)
    {
        CudaPixelBuffer pixels = Own(image);
        Kernel("color", "grayscale").Launch(pixels.Stream, ColorGrid(width, height), new Dim3(ColorBlock), 0,
            [Aligned16(pixels), (long)width * height]);
    }
}
