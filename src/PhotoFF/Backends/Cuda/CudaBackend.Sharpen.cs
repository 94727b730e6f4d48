using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void Sharpen(PixelBuffer image, PixelBuffer blurred, int width, int height, float amount, int threshold)
    {
        CudaPixelBuffer pixels = Own(image);
        CudaPixelBuffer blur = Own(blurred);
        OrderAfter(blur, pixels);
        long count = (long)width * height;
        Kernel("sharpen", "sharpen").Launch(pixels.Stream, Dim3.Cover(count, EffectBlock), new Dim3(EffectBlock), 0,
            [pixels.Pointer, blur.Pointer, count, amount, threshold]);
    }
}
