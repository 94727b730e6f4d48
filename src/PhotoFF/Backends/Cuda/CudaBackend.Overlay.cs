using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void Overlay(PixelBuffer target, int width, int height, PixelBuffer overlay, int overlayWidth, int overlayHeight,
        int x, int y, float opacity)
    {
        CudaPixelBuffer destination = Own(target);
        CudaPixelBuffer source = Own(overlay);
        ClippedRegion region = ClippedRegion.Placed(overlayWidth, overlayHeight, width, height, x, y);
        if (region.IsEmpty)
        {
            return;
        }

        // The covered rectangle of the target, [left, right) x [top, bottom).
        (int left, int top, int right, int bottom) = region.Destination;

        // The overlay may live on another stream: the composite waits for the work queued on it, and later work on the
        // overlay's stream (a change to it, or the release fence that gates its buffer's reuse) waits for the composite.
        OrderAfter(source, destination);
        Dim3 block = new(32, 8);
        Kernel("overlay", "overlay").Launch(destination.Stream, Dim3.Cover(right - left, bottom - top, block), block, 0,
            [destination.Pointer, width, source.Pointer, overlayWidth, left, top, x, y, right - left, bottom - top, opacity]);
        OrderAfter(destination, source);
    }
}
