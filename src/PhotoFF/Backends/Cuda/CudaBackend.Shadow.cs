using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void Shadow(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, float radius, float alpha, uint rgba, bool inner)
    {
        CudaPixelBuffer pixels = Own(image);
        CudaPixelBuffer distances = Own(squaredDistances);
        OrderAfter(distances, pixels);
        long count = (long)width * height;
        Kernel("shadow", "shadow").Launch(pixels.Stream, Dim3.Cover(count, EffectBlock), new Dim3(EffectBlock), 0,
            [pixels.Pointer, distances.Pointer, count, radius, alpha, rgba, inner ? 1 : 0]);
    }
}
