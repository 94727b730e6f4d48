using PhotoFF.Memory;

namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The reference backend: plain, parallel C# over host memory. Every CUDA kernel must equal it within 1 per
/// channel, so it is written for clarity; arithmetic is float32 with explicit fused multiply-adds where the
/// kernels use them, so that both backends compute the same values.
/// </summary>
internal sealed partial class CpuBackend : IImageBackend
{
    private readonly BufferPool pixels;

    /// <param name="limitBytes">The most host memory the pixel pool holds; by default half of what is available.</param>
    public CpuBackend(long? limitBytes = null)
        : this(scalarOnly: false, limitBytes)
    {
    }

    /// <param name="scalarOnly">Run the scalar reference of every operation, as tests do to compare it with the vectorized
    /// paths; otherwise those run wherever the hardware has them (<see cref="VectorMath.IsSupported"/>).</param>
    /// <param name="limitBytes">The most host memory the pixel pool holds; by default half of what is available.</param>
    /// <param name="wideVectors">Whether the vectorized paths that can may sum on AVX-512's sixteen lanes where the CPU
    /// has them (<see cref="FloatLanes.WideSupported"/>); tests turn it off to check the eight-lane paths there too.</param>
    public CpuBackend(bool scalarOnly, long? limitBytes = null, bool wideVectors = true)
    {
        Vectorized = !scalarOnly && VectorMath.IsSupported;
        WideVectors = Vectorized && wideVectors && FloatLanes.WideSupported;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        pixels = new BufferPool("cpu pixels", new HostMemoryAllocator(), limitBytes ?? Math.Max(available / 2, 256L << 20), null, fenced: false);
        Pools = [pixels];
    }

    public BackendKind Kind => BackendKind.Cpu;

    public string DeviceName => $"CPU ({Environment.ProcessorCount} threads)";

    public int DeviceOrdinal => -1;

    public IReadOnlyList<BufferPool> Pools { get; }

    /// <summary>Whether the hot operations take their vectorized paths, which give the scalar reference's bits.</summary>
    internal bool Vectorized { get; }

    /// <summary>Whether the vectorized paths written over <see cref="IFloatLanes{TSelf}"/> run on sixteen lanes.</summary>
    internal bool WideVectors { get; }

    public PixelBuffer Allocate(long bytes, PixelBuffer? sameQueueAs = null)
    {
        CpuPixelBuffer buffer = new(this, pixels.Rent(bytes));
        if (BackendDiagnostics.PoisonAllocations)
        {
            buffer.Pixels(buffer.CapacityBytes / 4).Fill(BackendDiagnostics.PoisonPixel);
        }

        return buffer;
    }

    public void Upload(ReadOnlySpan<byte> source, PixelBuffer destination) => source.CopyTo(Own(destination).Bytes(source.Length));

    public void Download(PixelBuffer source, Span<byte> destination) => Own(source).Bytes(destination.Length).CopyTo(destination);

    /// <summary>Copies through pointers: an image of 512 Mi pixels has 2 GiB, one byte more than a span can hold.</summary>
    public unsafe void Copy(PixelBuffer source, PixelBuffer destination, long bytes)
    {
        CpuPixelBuffer from = Own(source);
        CpuPixelBuffer to = Own(destination);
        if ((ulong)bytes > (ulong)from.CapacityBytes || bytes > to.CapacityBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"The buffers hold {from.CapacityBytes} and {to.CapacityBytes} bytes.");
        }

        Buffer.MemoryCopy(from.Pointer, to.Pointer, to.CapacityBytes, bytes);
    }

    public void Fill(PixelBuffer destination, long pixelCount, uint rgba) => Own(destination).Pixels(pixelCount).Fill(rgba);

    public void Synchronize(PixelBuffer buffer)
    {
    }

    public void Dispose() => pixels.Dispose();

    private CpuPixelBuffer Own(PixelBuffer buffer) =>
        buffer is CpuPixelBuffer own && ReferenceEquals(own.Backend, this)
            ? own
            : throw new ArgumentException("The buffer belongs to another backend.", nameof(buffer));

    /// <summary>Runs <paramref name="row"/> for each row, in parallel for images large enough to pay for it. A
    /// cancellation of the current operation (<see cref="OperationCancellation"/>) stops it between rows with
    /// <see cref="OperationCanceledException"/>.</summary>
    private static void ForEachRow(int width, int height, Action<int> row)
    {
        CancellationToken cancellation = OperationCancellation.Current;
        if ((long)width * height < 64 * 1024)
        {
            for (int y = 0; y < height; y++)
            {
                cancellation.ThrowIfCancellationRequested();
                row(y);
            }
        }
        else
        {
            Parallel.For(0, height, Cancellable(cancellation), row);
        }
    }

    /// <summary>Parallel loops stop starting iterations (rows, columns) once the operation is cancelled.</summary>
    private static ParallelOptions Cancellable(CancellationToken cancellation) => new() { CancellationToken = cancellation };
}
