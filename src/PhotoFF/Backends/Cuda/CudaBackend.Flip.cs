using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void Flip(PixelBuffer image, int width, int height, bool horizontal, bool vertical)
    {
        if (!horizontal && !vertical)
        {
            return;
        }

        CudaPixelBuffer pixels = Own(image);
        // Each thread swaps one pixel with its mirror image, so the threads cover only the first half: the left half of
        // each row for a horizontal flip, the top half of the rows (the middle row included, for its left half) otherwise.
        int spanX = horizontal && !vertical ? width / 2 : width;
        int spanY = horizontal && !vertical ? height : (height + 1) / 2;
        Dim3 block = new(32, 8);
        Kernel("flip", "flip").Launch(pixels.Stream, Dim3.Cover(spanX, spanY, block), block, 0,
            [pixels.Pointer, width, height, horizontal ? 1 : 0, vertical ? 1 : 0, spanX, spanY]);
    }
}
