using PhotoFF.Cuda;
using PhotoFF.Memory;

namespace PhotoFF.Backends.Cuda;

// What the GPU codecs need from the device beyond the image operations: buffers on their own streams, pinned host
// memory for encoded files, ordering between streams, and a place to keep per-device services (the nvJPEG codec)
// that live and die with the backend.
internal sealed partial class CudaBackend
{
    private readonly Dictionary<Type, IDisposable> services = [];

    /// <summary>
    /// The backend's one <typeparamref name="T"/>, created by <paramref name="create"/> on first use; disposed with the
    /// backend (before its streams, pools and context), or dropped without a call when a sticky error abandons it.
    /// </summary>
    internal T Service<T>(Func<CudaBackend, T> create)
        where T : class, IDisposable
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (services)
        {
            if (!services.TryGetValue(typeof(T), out IDisposable? service))
            {
                service = create(this);
                services.Add(typeof(T), service);
            }

            return (T)service;
        }
    }

    /// <summary>The service of type <typeparamref name="T"/> if it was created; null otherwise.</summary>
    internal T? ExistingService<T>()
        where T : class, IDisposable
    {
        lock (services)
        {
            return services.TryGetValue(typeof(T), out IDisposable? service) ? (T)service : null;
        }
    }

    /// <summary>A pooled buffer whose work is ordered on <paramref name="stream"/>: a reused buffer's previous work is
    /// waited for by the stream, not the host.</summary>
    internal CudaPixelBuffer AllocateOn(long bytes, CudaStream stream)
    {
        context.MakeCurrent();
        CudaPixelBuffer buffer = new(this, pixels.Rent(bytes, stream), stream);
        if (BackendDiagnostics.PoisonAllocations)
        {
            CudaMemory.Fill32(buffer.Pointer, BackendDiagnostics.PoisonPixel, buffer.CapacityBytes / 4, stream);
        }

        return buffer;
    }

    /// <summary>
    /// A pooled buffer that no queued GPU work touches any more (the host waits for a reused buffer's previous work),
    /// for writers that do not honour stream order: nvJPEG's hardware decoder writes its output when it is called, not
    /// when its stream reaches the decode.
    /// </summary>
    internal CudaPixelBuffer AllocateIdle(long bytes, CudaStream stream)
    {
        context.MakeCurrent();
        CudaPixelBuffer buffer = new(this, pixels.Rent(bytes), stream);
        if (BackendDiagnostics.PoisonAllocations)
        {
            CudaMemory.Fill32(buffer.Pointer, BackendDiagnostics.PoisonPixel, buffer.CapacityBytes / 4, stream);
            stream.Synchronize();
        }

        return buffer;
    }

    /// <summary>Pooled page-locked host memory (an encoded file on its way to the GPU); dispose it when the GPU work
    /// that reads it has finished, or set its <see cref="BufferLease.LastStream"/> to the stream that reads it.</summary>
    internal BufferLease RentPinned(long bytes)
    {
        context.MakeCurrent();
        return staging.Rent(bytes);
    }

    /// <summary>Makes work queued later on <paramref name="consumer"/> wait for the work already queued on
    /// <paramref name="producer"/>, without blocking the host; nothing when they are one stream.</summary>
    internal void OrderAfter(CudaStream producer, CudaStream consumer)
    {
        context.MakeCurrent();
        if (ReferenceEquals(producer, consumer))
        {
            return;
        }

        using CudaEvent done = new();
        done.Record(producer);
        consumer.Wait(done);
    }

    private void DisposeServices(Cleanup cleanup)
    {
        lock (services)
        {
            foreach (IDisposable service in services.Values)
            {
                cleanup.Run(service.Dispose);
            }

            services.Clear();
        }
    }

    private void DropServices()
    {
        lock (services)
        {
            services.Clear();
        }
    }
}
