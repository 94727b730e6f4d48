using PhotoFF.Memory;

namespace PhotoFF.Backends;

/// <summary>
/// The pixel work on buffers. <c>CudaBackend</c> queues PTX kernels on the buffer's stream without waiting;
/// <c>CpuBackend</c> is the plain C# reference that defines what every operation computes. Images are RGBA8,
/// straight alpha, rows packed (stride = 4 x width). Operations that cannot work in place take a separate
/// destination that the caller rented from <see cref="Allocate"/>.
/// The operations themselves are declared in the partial files <c>IImageBackend.*.cs</c>, one per operation.
/// </summary>
internal partial interface IImageBackend : IDisposable
{
    BackendKind Kind { get; }

    /// <summary>The device name, or the processor for the CPU backend.</summary>
    string DeviceName { get; }

    /// <summary>The CUDA device ordinal; -1 for the CPU backend.</summary>
    int DeviceOrdinal { get; }

    /// <summary>Rents a buffer of at least <paramref name="bytes"/>; with <paramref name="sameQueueAs"/>, work on the
    /// new buffer is ordered after work already queued on that one (the same stream).</summary>
    PixelBuffer Allocate(long bytes, PixelBuffer? sameQueueAs = null);

    /// <summary>Copies host pixels in. The source may be reused as soon as this returns.</summary>
    void Upload(ReadOnlySpan<byte> source, PixelBuffer destination);

    /// <summary>Copies pixels out, after all work queued on the buffer has finished.</summary>
    void Download(PixelBuffer source, Span<byte> destination);

    void Copy(PixelBuffer source, PixelBuffer destination, long bytes);

    /// <summary>Sets <paramref name="pixelCount"/> pixels to one RGBA value (R in the lowest byte).</summary>
    void Fill(PixelBuffer destination, long pixelCount, uint rgba);

    /// <summary>Waits for the work queued on the buffer.</summary>
    void Synchronize(PixelBuffer buffer);

    /// <summary>The pools behind this backend (device pixels, staging).</summary>
    IReadOnlyList<BufferPool> Pools { get; }
}
