using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void CornerRadius(PixelBuffer image, int width, int height, float radius)
    {
        CudaPixelBuffer pixels = Own(image);
        int reach = (int)MathF.Ceiling(radius);
        // Left/top squares end at `left`/`top`; right/bottom ones start no earlier, so no pixel is visited twice.
        int left = Math.Min(reach, (width + 1) / 2);
        int right = Math.Max(width - reach, left);
        int top = Math.Min(reach, (height + 1) / 2);
        int bottom = Math.Max(height - reach, top);
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
