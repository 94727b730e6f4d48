using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void DistanceField(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, bool toBackground, int offsetX, int offsetY)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        CpuPixelBuffer output = Own(squaredDistances);
        int[] rowDistances = GC.AllocateUninitializedArray<int>(checked((int)count));

        // Pass 1, per source row: the 1-D distance from each image column to the nearest target in that row.
        ForEachRow(width, height, sy =>
        {
            ReadOnlySpan<uint> row = pixels.Pixels(count).Slice(sy * width, width);
            DistanceTransform.RowDistances(row, rowDistances.AsSpan(sy * width, width), toBackground, offsetX);
        });

        // Pass 2, per column: the lower envelope of the parabolas (y - q)^2 + g(q)^2.
        Parallel.For(
            0,
            width,
            () => new DistanceTransform.ColumnScratch(height),
            (x, _, scratch) =>
            {
                Span<int> distances = MemoryMarshal.Cast<uint, int>(output.Pixels(count));
                DistanceTransform.ColumnDistances(rowDistances, distances, x, width, height, toBackground, offsetY, scratch);
                return scratch;
            },
            _ => { });
    }
}
