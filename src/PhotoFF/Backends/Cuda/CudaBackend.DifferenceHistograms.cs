using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    public void DifferenceHistograms(PixelBuffer first, PixelBuffer second, int width, int height, PixelBuffer? difference, Span<uint> histograms)
    {
        CudaPixelBuffer a = Own(first);
        CudaPixelBuffer b = Own(second);
        OrderAfter(b, a);
        CuDevicePtr output = default;
        if (difference is not null)
        {
            CudaPixelBuffer target = Own(difference);
            OrderAfter(target, a);
            output = target.Pointer;
        }

        long count = (long)width * height;
        Reduce(a, histograms, 5 * IImageBackend.HistogramBins, count, counters =>
            Kernel("histogram", "difference_histograms").Launch(a.Stream, ReductionGrid(count), new Dim3(ReductionBlock), 0,
                [a.Pointer, b.Pointer, count, output, counters]));
    }
}
