using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void CopyRegion(PixelBuffer source, int sourceWidth, int sourceHeight, int sourceX, int sourceY, int width, int height,
        PixelBuffer destination, int destinationWidth, int destinationHeight, int x, int y)
    {
        ClippedRegion region = ClippedRegion.Of(sourceWidth, sourceHeight, sourceX, sourceY, width, height, destinationWidth, destinationHeight, x, y);
        if (region.IsEmpty)
        {
            return;
        }

        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        Dim3 block = new(32, 8);
        Kernel("copy_region", "copy_region").Launch(output.Stream, Dim3.Cover(region.Width, region.Height, block), block, 0,
            [input.Pointer, sourceWidth, output.Pointer, destinationWidth, region.Left, region.Top, region.Width, region.Height, region.OffsetX, region.OffsetY]);

        // The source is read on the destination's stream, but its pool fence is recorded on its own stream: make that
        // stream wait for the copy, so that a source disposed right after (a resized copy in Join) is not reused early.
        OrderAfter(output, input);
    }
}
