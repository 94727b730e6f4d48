using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void DistanceField(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, bool toBackground, int offsetX, int offsetY)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        CpuPixelBuffer output = Own(squaredDistances);
        using PixelBuffer rowsBuffer = Allocate(count * sizeof(int), squaredDistances);
        CpuPixelBuffer rows = Own(rowsBuffer);

        // Pass 1, per source row: the 1-D distance from each image column to the nearest target in that row.
        ForEachRow(width, height, sy =>
        {
            ReadOnlySpan<uint> row = pixels.Pixels(count).Slice(sy * width, width);
            DistanceTransform.RowDistances(row, Ints(rows, count).Slice(sy * width, width), toBackground, offsetX);
        });

        if (Vectorized)
        {
            ColumnDistancesTransposed(rows, output, width, height, toBackground, offsetY);
            return;
        }

        // Pass 2, per column: the lower envelope of the parabolas (y - q)^2 + g(q)^2.
        Parallel.For(
            0,
            width,
            Cancellable(OperationCancellation.Current),
            () => new DistanceTransform.ColumnScratch(height),
            (x, _, scratch) =>
            {
                DistanceTransform.ColumnDistances(Ints(rows, count), Ints(output, count), x, width, height, toBackground, offsetY, scratch);
                return scratch;
            },
            _ => { });
    }

    /// <summary>
    /// Pass 2 laid out for the cache: a column read down an image touches a cache line per row, so the row distances are
    /// transposed first (in blocks), each column's envelope is computed on contiguous memory by the same
    /// <see cref="DistanceTransform.ColumnDistances"/> (a column of width 1), and the result is transposed back. Integer
    /// arithmetic throughout: the same squared distances as the column-by-column reference.
    /// </summary>
    private void ColumnDistancesTransposed(CpuPixelBuffer rows, CpuPixelBuffer output, int width, int height, bool toBackground, int offsetY)
    {
        long count = (long)width * height;
        using PixelBuffer columnsBuffer = Allocate(count * sizeof(int), output);
        CpuPixelBuffer columns = Own(columnsBuffer);
        Transpose.Ints(Ints(rows, count), width, height, Ints(columns, count));
        // The row distances are read by now: their buffer takes the columns' results.
        Parallel.For(
            0,
            width,
            Cancellable(OperationCancellation.Current),
            () => new DistanceTransform.ColumnScratch(height),
            (x, _, scratch) =>
            {
                DistanceTransform.ColumnDistances(Ints(columns, count).Slice(x * height, height), Ints(rows, count).Slice(x * height, height), 0, 1, height,
                    toBackground, offsetY, scratch);
                return scratch;
            },
            _ => { });
        Transpose.Ints(Ints(rows, count), height, width, Ints(output, count));
    }

    private static Span<int> Ints(CpuPixelBuffer buffer, long count) => MemoryMarshal.Cast<uint, int>(buffer.Pixels(count));
}
