using System.Runtime.InteropServices;
using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    private const int ReductionBlock = 256;

    /// <summary>Enough blocks to fill the device a few times over; each block strides over the rest.</summary>
    private const int MaxReductionBlocks = 1024;

    public void ChannelHistograms(PixelBuffer source, int width, int height, Span<uint> histograms)
    {
        CudaPixelBuffer input = Own(source);
        long count = (long)width * height;
        Reduce(input, histograms, 4 * IImageBackend.HistogramBins, count, counters =>
            Kernel("histogram", "channel_histograms").Launch(input.Stream, ReductionGrid(count), new Dim3(ReductionBlock), 0,
                [input.Pointer, count, counters]));
    }

    /// <summary>Zeroes a device array of <paramref name="length"/> counters on <paramref name="queue"/>'s stream, queues
    /// <paramref name="launch"/> on it and copies the counters out (the one wait of a reduction).</summary>
    private void Reduce(CudaPixelBuffer queue, Span<uint> result, int length, long count, Action<CuDevicePtr> launch)
    {
        if (result.Length != length)
        {
            throw new ArgumentException($"The histograms take {length} entries, not {result.Length}.", nameof(result));
        }

        using PixelBuffer counters = Allocate(length * sizeof(uint), queue);
        CudaPixelBuffer device = Own(counters);
        Fill(device, length, 0u);
        if (count > 0)
        {
            launch(device.Pointer);
        }

        Download(device, MemoryMarshal.AsBytes(result));
    }

    private static Dim3 ReductionGrid(long count)
    {
        long quads = count / 4;
        return new Dim3((uint)Math.Clamp((quads + ReductionBlock - 1) / ReductionBlock, 1, MaxReductionBlocks));
    }
}
