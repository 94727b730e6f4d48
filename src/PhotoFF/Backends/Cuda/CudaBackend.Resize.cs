using System.Runtime.InteropServices;
using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

public sealed partial class CudaBackend
{
    private const uint ResizeBlock = 256;

    public void Resize(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int destinationWidth, int destinationHeight,
        int x, int y, ResampleTable columns, ResampleTable rows, uint background)
    {
        ResampleTable.CheckResize(sourceWidth, sourceHeight, destinationWidth, destinationHeight, x, y, columns, rows);
        CudaPixelBuffer input = Own(source);
        CudaPixelBuffer output = Own(destination);
        OrderAfter(input, output);
        int width = columns.Length;
        int middleRows = rows.End - rows.First;
        using PixelBuffer columnSpans = UploadInts(columns.Spans, output);
        using PixelBuffer columnWeights = UploadFloats(columns.Weights, output);
        using PixelBuffer rowSpans = UploadInts(rows.Spans, output);
        using PixelBuffer rowWeights = UploadFloats(rows.Weights, output);
        using PixelBuffer middle = Allocate((long)width * middleRows * 16, output);
        CuDevicePtr mid = Own(middle).Pointer;

        Kernel("resize", "resize_rows").Launch(output.Stream, Dim3.Cover((long)width * middleRows, ResizeBlock), new Dim3(ResizeBlock), 0,
            [input.Pointer, sourceWidth, sourceHeight, mid, width, rows.First, middleRows,
             Own(columnSpans).Pointer, Own(columnWeights).Pointer, columns.Taps]);
        Kernel("resize", "resize_columns").Launch(output.Stream, Dim3.Cover((long)destinationWidth * destinationHeight, ResizeBlock), new Dim3(ResizeBlock), 0,
            [mid, width, rows.Length, rows.First, middleRows, output.Pointer, destinationWidth, destinationHeight, x, y,
             Own(rowSpans).Pointer, Own(rowWeights).Pointer, rows.Taps, background]);
    }

    /// <summary>A small device array of ints (a resample table's spans), ordered on <paramref name="queue"/>'s stream;
    /// dispose it after the launches that read it have been queued.</summary>
    internal PixelBuffer UploadInts(ReadOnlySpan<int> values, CudaPixelBuffer queue)
    {
        PixelBuffer buffer = Allocate(values.Length * sizeof(int), queue);
        Upload(MemoryMarshal.AsBytes(values), buffer);
        return buffer;
    }
}
