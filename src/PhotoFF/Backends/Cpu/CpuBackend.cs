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
    public CpuBackend(bool scalarOnly, long? limitBytes = null)
    {
        Vectorized = !scalarOnly && VectorMath.IsSupported;
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

    public void Copy(PixelBuffer source, PixelBuffer destination, long bytes) => Own(source).Bytes(bytes).CopyTo(Own(destination).Bytes(bytes));

    public void Fill(PixelBuffer destination, long pixelCount, uint rgba) => Own(destination).Pixels(pixelCount).Fill(rgba);

    public void Synchronize(PixelBuffer buffer)
    {
    }

    public void Dispose() => pixels.Dispose();

    private CpuPixelBuffer Own(PixelBuffer buffer) =>
        buffer is CpuPixelBuffer own && ReferenceEquals(own.Backend, this)
            ? own
            : throw new ArgumentException("The buffer belongs to another backend.", nameof(buffer));

    /// <summary>Runs <paramref name="row"/> for each row, in parallel for images large enough to pay for it.</summary>
    private static void ForEachRow(int width, int height, Action<int> row)
    {
        if ((long)width * height < 64 * 1024)
        {
            for (int y = 0; y < height; y++)
            {
                row(y);
            }
        }
        else
        {
            Parallel.For(0, height, row);
        }
    }
}
