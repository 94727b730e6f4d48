using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void Opacity(PixelBuffer image, int width, int height, float opacity)
    {
        CudaPixelBuffer pixels = Own(image);
        Kernel("color", "opacity").Launch(pixels.Stream, ColorGrid(width, height), new Dim3(ColorBlock), 0,
            [Aligned16(pixels), (long)width * height, opacity]);
    }
}
