namespace PhotoFF.Memory;

/// <summary>Where a pool's memory comes from: device memory, page-locked host memory or plain host memory.</summary>
internal interface IBufferAllocator
{
    /// <summary>What the memory is, for messages ("device memory of NVIDIA H200").</summary>
    string Description { get; }

    /// <summary>Allocates; false when the memory is exhausted (the pool then trims and retries once).</summary>
    bool TryAllocate(long bytes, out ulong address);

    void Free(ulong address);
}
