using PhotoFF.Cuda;

namespace PhotoFF.Memory;

/// <summary>
/// The right to use one pooled buffer until disposed. Users of a PowerShell module rarely dispose, so a lease that
/// is collected undisposed is queued back to its pool by the finalizer, which never calls the driver: the pool
/// drains that queue on a thread of its own callers.
/// </summary>
internal sealed class BufferLease : IDisposable
{
    private readonly BufferPool pool;
    private PooledBuffer? buffer;

    internal BufferLease(BufferPool pool, PooledBuffer buffer, CudaStream? stream)
    {
        this.pool = pool;
        this.buffer = buffer;
        LastStream = stream;
    }

    ~BufferLease()
    {
        PooledBuffer? abandoned = Interlocked.Exchange(ref buffer, null);
        if (abandoned is not null)
        {
            pool.EnqueueAbandoned(abandoned, LastStream);
        }
    }

    /// <summary>The address: a device pointer, or a host pointer for host pools.</summary>
    public ulong Address => Live.Address;

    public long Capacity => Live.Capacity;

    public bool IsDisposed => buffer is null || pool.IsDisposed;

    /// <summary>The stream that last queued work on the buffer; its completion gates the buffer's reuse.</summary>
    public CudaStream? LastStream { get; set; }

    private PooledBuffer Live
    {
        get
        {
            PooledBuffer? live = buffer;
            ObjectDisposedException.ThrowIf(live is null, this);

            // A lease outlives its pool only when the device was lost or the module removed: say which.
            return pool.IsDisposed ? throw new ObjectDisposedException(pool.Name, pool.DisposedReason) : live;
        }
    }

    public void Dispose()
    {
        PooledBuffer? returned = Interlocked.Exchange(ref buffer, null);
        if (returned is not null)
        {
            pool.Return(returned, LastStream);
        }

        GC.SuppressFinalize(this);
    }
}
