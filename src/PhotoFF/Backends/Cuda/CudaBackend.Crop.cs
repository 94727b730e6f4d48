using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    private const uint CropBlock = 256;

    public void Crop(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int x, int y, int width, int height)
    {
        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        Kernel("crop", "crop").Launch(output.Stream, Dim3.Cover((long)width * height, CropBlock), new Dim3(CropBlock), 0,
            [input.Pointer, sourceWidth, sourceHeight, output.Pointer, x, y, width, height]);
    }
}
