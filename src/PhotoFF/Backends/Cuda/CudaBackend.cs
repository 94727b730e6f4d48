using PhotoFF.Cuda;
using PhotoFF.Memory;

namespace PhotoFF.Backends.Cuda;

/// <summary>
/// Runs operations as PTX kernels on one device. Work is queued on the image's stream and not waited for; the host
/// waits only where pixels leave the device. Owns the device's context, modules, streams and pools, and frees them
/// all on dispose.
/// </summary>
internal sealed partial class CudaBackend : IImageBackend
{
    private const int StreamCount = 8;
    private const double DefaultPoolShare = 0.75;
    private readonly CudaContext context;
    private readonly KernelCatalog kernels = new();
    private readonly CudaStream[] streams;
    private readonly BufferPool pixels;
    private readonly BufferPool staging;
    private int nextStream;
    private bool disposed;

    /// <param name="ordinal">The CUDA device.</param>
    /// <param name="sharedMemoryCap">Less dynamic shared memory per block than the device has, to take the kernels of a
    /// GPU with less (<see cref="SharedMemoryPerBlock"/>); null: all the device allows.</param>
    public CudaBackend(int ordinal, int? sharedMemoryCap = null)
    {
        if (!CudaDriver.TryInitialize(out string reason))
        {
            throw new CudaException($"No CUDA device is available: {reason}.");
        }

        int count = CudaDriver.DeviceCount;
        if (ordinal < 0 || ordinal >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"There are {count} CUDA devices (0 to {count - 1}).");
        }

        this.sharedMemoryCap = sharedMemoryCap;
        Device = CudaDevice.Get(ordinal);
        context = new CudaContext(Device);
        streams = Enumerable.Range(0, StreamCount).Select(id => new CudaStream(id)).ToArray();
        pixels = new BufferPool($"cuda:{ordinal} pixels", new DeviceMemoryAllocator(Device.Name), (long)(Device.TotalMemoryBytes * DefaultPoolShare), context.MakeCurrent, fenced: true);
        staging = new BufferPool($"cuda:{ordinal} pinned staging", new PinnedMemoryAllocator(), 4L << 30, context.MakeCurrent, fenced: true);
        Pools = [pixels, staging];
    }

    public BackendKind Kind => BackendKind.Cuda;

    public CudaDevice Device { get; }

    public string DeviceName => Device.Name;

    public int DeviceOrdinal => Device.Ordinal;

    public IReadOnlyList<BufferPool> Pools { get; }

    public CudaContext Context => context;

    public PixelBuffer Allocate(long bytes, PixelBuffer? sameQueueAs = null)
    {
        CudaStream stream = sameQueueAs is null ? NextStream() : Own(sameQueueAs).Stream;
        CudaPixelBuffer buffer = new(this, pixels.Rent(bytes, stream), stream);
        if (BackendDiagnostics.PoisonAllocations)
        {
            CudaMemory.Fill32(buffer.Pointer, BackendDiagnostics.PoisonPixel, buffer.CapacityBytes / 4, stream);
        }

        return buffer;
    }

    public unsafe void Upload(ReadOnlySpan<byte> source, PixelBuffer destination)
    {
        CudaPixelBuffer target = Own(destination);
        using BufferLease stage = staging.Rent(source.Length, cancellation: OperationCancellation.Current);
        source.CopyTo(new Span<byte>((void*)stage.Address, source.Length));
        CudaMemory.CopyHostToDevice(target.Pointer, (nint)stage.Address, source.Length, target.Stream);
        stage.LastStream = target.Stream;
    }

    public unsafe void Download(PixelBuffer source, Span<byte> destination)
    {
        CudaPixelBuffer origin = Own(source);
        using BufferLease stage = staging.Rent(destination.Length, cancellation: OperationCancellation.Current);
        CudaMemory.CopyDeviceToHost((nint)stage.Address, origin.Pointer, destination.Length, origin.Stream);
        try
        {
            origin.Stream.Synchronize(OperationCancellation.Current);
        }
        catch (OperationCanceledException)
        {
            // The copy into the staging buffer is still queued: the lease goes back fenced by it, not free.
            stage.LastStream = origin.Stream;
            throw;
        }

        new ReadOnlySpan<byte>((void*)stage.Address, destination.Length).CopyTo(destination);
    }

    public void Copy(PixelBuffer source, PixelBuffer destination, long bytes)
    {
        CudaPixelBuffer target = Own(destination);
        CudaPixelBuffer origin = Own(source);
        OrderAfter(origin, target);
        CudaMemory.CopyDeviceToDevice(target.Pointer, origin.Pointer, bytes, target.Stream);

        // The source's release fence is recorded on its own stream: make that stream wait for this read, so the
        // source's buffer cannot be handed to another user while the copy still reads it.
        OrderAfter(target, origin);
    }

    public void Fill(PixelBuffer destination, long pixelCount, uint rgba)
    {
        CudaPixelBuffer target = Own(destination);
        CudaMemory.Fill32(target.Pointer, rgba, pixelCount, target.Stream);
    }

    public void Synchronize(PixelBuffer buffer)
    {
        context.MakeCurrent();
        Own(buffer).Stream.Synchronize(OperationCancellation.Current);
    }

    /// <summary>The kernel <paramref name="entry"/> of kernels/<paramref name="file"/>.cu, with the context current.</summary>
    internal CudaKernel Kernel(string file, string entry)
    {
        context.MakeCurrent();
        return kernels.Get(file, entry);
    }

    /// <summary>Makes work queued later on <paramref name="consumer"/>'s stream wait for the work already queued on
    /// <paramref name="producer"/>'s stream; nothing when they share one.</summary>
    internal void OrderAfter(CudaPixelBuffer producer, CudaPixelBuffer consumer)
    {
        context.MakeCurrent();
        if (ReferenceEquals(producer.Stream, consumer.Stream))
        {
            return;
        }

        using CudaEvent done = new();
        done.Record(producer.Stream);
        consumer.Stream.Wait(done);
    }

    /// <summary>A small device array of floats (a filter's weights), ordered on <paramref name="queue"/>'s stream;
    /// dispose it after the launches that read it have been queued.</summary>
    internal unsafe PixelBuffer UploadFloats(ReadOnlySpan<float> values, CudaPixelBuffer queue)
    {
        PixelBuffer buffer = Allocate(values.Length * sizeof(float), queue);
        Upload(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), buffer);
        return buffer;
    }

    internal CudaPixelBuffer Own(PixelBuffer buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        context.MakeCurrent();
        return buffer is CudaPixelBuffer own && ReferenceEquals(own.Backend, this)
            ? own
            : throw new ArgumentException("The buffer belongs to another backend or device.", nameof(buffer));
    }

    private CudaStream NextStream() => streams[(int)((uint)Interlocked.Increment(ref nextStream) % StreamCount)];

    /// <summary>Drops everything after a sticky error without calling into the broken context, then resets it.</summary>
    internal void Abandon()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        DropServices();
        deviceTables.Clear();
        pixels.Abandon();
        staging.Abandon();
        context.Reset();
    }

    /// <summary>Frees the services (the nvJPEG codec), then every buffer, module, stream and the context. Each step is
    /// attempted even when one before it failed, and the failures are thrown together at the end; a context broken by a
    /// sticky error is reset instead, which frees everything in it at once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        Cleanup cleanup = new();
        cleanup.Run(context.Synchronize);
        if (cleanup.Failures.Any(failure => failure is CudaException { IsContextFatal: true }))
        {
            cleanup.Run(Abandon);
            cleanup.ThrowIfFailed($"CUDA device {DeviceOrdinal}");
            return;
        }

        // The services hold streams and device memory of this context, and may still use the backend: they go first.
        DisposeServices(cleanup);
        disposed = true;
        foreach (PixelBuffer table in deviceTables.Values)
        {
            cleanup.Run(table.Dispose);
        }

        deviceTables.Clear();
        cleanup.Run(pixels.Dispose);
        cleanup.Run(staging.Dispose);
        cleanup.Run(kernels.Dispose);
        foreach (CudaStream stream in streams)
        {
            cleanup.Run(stream.Dispose);
        }

        cleanup.Run(context.Dispose);
        cleanup.ThrowIfFailed($"CUDA device {DeviceOrdinal}");
    }
}
