using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;
using PhotoFF.Imaging;

namespace PhotoFF.Bench;

/// <summary>Times GPU work on one image's stream with events: warm-up first, then the median of several runs.</summary>
internal sealed class OperationTimer(int warmups = 3, int runs = 21)
{
    public double MedianMicroseconds(CudaImage image, Action<CudaImage> operation)
    {
        CudaStream stream = ((CudaPixelBuffer)image.Pixels).Stream;
        for (int i = 0; i < warmups; i++)
        {
            operation(image);
        }

        image.Synchronize();
        using CudaEvent start = new(timing: true);
        using CudaEvent end = new(timing: true);
        List<double> samples = [];
        for (int i = 0; i < runs; i++)
        {
            start.Record(stream);
            operation(image);
            end.Record(((CudaPixelBuffer)image.Pixels).Stream);
            end.Synchronize();
            samples.Add(CudaEvent.ElapsedMilliseconds(start, end) * 1000.0);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }
}
