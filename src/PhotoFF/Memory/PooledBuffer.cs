using PhotoFF.Cuda;

namespace PhotoFF.Memory;

/// <summary>One allocation owned by a pool: idle in the pool or leased to one user.</summary>
internal sealed class PooledBuffer
{
    public PooledBuffer(ulong address, long capacity)
    {
        Address = address;
        Capacity = capacity;
    }

    public ulong Address { get; }

    public long Capacity { get; }

    /// <summary>Recorded on the last stream that used the buffer when it came back; a new user must not touch the
    /// memory before it completes. Null for host memory that no GPU work touches.</summary>
    public CudaEvent? ReleaseFence { get; set; }

    public bool FencePending { get; set; }
}
