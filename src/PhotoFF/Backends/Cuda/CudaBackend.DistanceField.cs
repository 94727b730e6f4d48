using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

public sealed partial class CudaBackend
{
    /// <summary>Warps per block of the row pass (one warp per source row).</summary>
    private const uint DistanceRowWarps = 8;

    private const uint DistanceColumnBlock = 128;

    public void DistanceField(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, bool toBackground, int offsetX, int offsetY)
    {
        CudaPixelBuffer pixels = Own(image);
        CudaPixelBuffer output = Own(squaredDistances);
        OrderAfter(pixels, output);
        long count = (long)width * height;
        if (count == 0)
        {
            return;
        }

        // Scratch from the pool, on the output's stream: the row distances, and each column's envelope of at most
        // height + 1 parabolas (positions, heights and starting rows), laid out [k * width + x] so that the columns of
        // a warp meet in memory.
        long envelopeBytes = (long)(height + 2) * width * sizeof(int);
        using PixelBuffer rows = Allocate(count * sizeof(int), output);
        using PixelBuffer positions = Allocate(envelopeBytes, output);
        using PixelBuffer heights = Allocate(envelopeBytes, output);
        using PixelBuffer starts = Allocate(envelopeBytes, output);
        int inner = toBackground ? 1 : 0;

        Kernel("distance_field", "distance_rows").Launch(output.Stream, Dim3.Cover(height * 32L, DistanceRowWarps * 32), new Dim3(DistanceRowWarps * 32), 0,
            [pixels.Pointer, Own(rows).Pointer, width, height, inner, offsetX]);
        Kernel("distance_field", "distance_columns").Launch(output.Stream, Dim3.Cover(width, DistanceColumnBlock), new Dim3(DistanceColumnBlock), 0,
            [Own(rows).Pointer, Own(positions).Pointer, Own(heights).Pointer, Own(starts).Pointer, output.Pointer, width, height, inner, offsetY]);
    }
}
