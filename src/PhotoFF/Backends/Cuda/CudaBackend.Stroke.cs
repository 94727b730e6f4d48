using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    private const uint EffectBlock = 256;

    public void Stroke(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, float strokeWidth, uint rgba, bool inner)
    {
        CudaPixelBuffer pixels = Own(image);
        CudaPixelBuffer distances = Own(squaredDistances);
        OrderAfter(distances, pixels);
        long count = (long)width * height;
        float reach = strokeWidth + 1f;
        Kernel("stroke", "stroke").Launch(pixels.Stream, Dim3.Cover(count, EffectBlock), new Dim3(EffectBlock), 0,
            [pixels.Pointer, distances.Pointer, count, reach, rgba, inner ? 1 : 0]);
    }
}
