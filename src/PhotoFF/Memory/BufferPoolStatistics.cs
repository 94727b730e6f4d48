namespace PhotoFF.Memory;

/// <summary>A snapshot of one pool's counters.</summary>
public sealed record BufferPoolStatistics(
    string Pool,
    int Buffers,
    int LeasedBuffers,
    long BytesHeld,
    long BytesLeased,
    long PeakBytesHeld,
    long LimitBytes,
    long Hits,
    long Misses,
    long Allocations,
    long Frees,
    long OutOfMemoryRetries);
