using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void CornerRadius(PixelBuffer image, int width, int height, float radius)
    {
        CudaPixelBuffer pixels = Own(image);
        (int left, int right, int top, int bottom) = CornerSquares.Of(width, height, radius);
        int spanX = Math.Max(left, width - right);
        int spanY = Math.Max(top, height - bottom);
        if (spanX == 0 || spanY == 0)
        {
            return;
        }

        Dim3 block = new(16, 16);
        Dim3 grid = Dim3.Cover(spanX, spanY, block) with { Z = 4 };
        Kernel("corner_radius", "corner_radius").Launch(pixels.Stream, grid, block, 0,
            [pixels.Pointer, width, height, radius, left, right, top, bottom]);
    }
}
