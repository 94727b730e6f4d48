using PhotoFF.Memory;

namespace PhotoFF.Backends;

/// <summary>RGBA8 pixels held in a pooled buffer of one backend. Disposing returns the buffer to its pool.</summary>
internal abstract class PixelBuffer : IDisposable
{
    protected PixelBuffer(IImageBackend backend, BufferLease lease)
    {
        Backend = backend;
        Lease = lease;
    }

    public IImageBackend Backend { get; }

    public long CapacityBytes => Lease.Capacity;

    public bool IsDisposed => Lease.IsDisposed;

    protected BufferLease Lease { get; }

    public void Dispose()
    {
        Lease.Dispose();
        GC.SuppressFinalize(this);
    }
}
