using PhotoFF.Cuda;
using PhotoFF.Memory;

namespace PhotoFF.Backends.Cuda;

/// <summary>Pixels in pooled device memory, with the stream that orders the work on them.</summary>
internal sealed class CudaPixelBuffer : PixelBuffer
{
    internal CudaPixelBuffer(IImageBackend backend, BufferLease lease, CudaStream stream)
        : base(backend, lease)
    {
        lease.LastStream = stream;
        Stream = stream;
    }

    public CudaStream Stream { get; }

    public CuDevicePtr Pointer => new(Lease.Address);
}
