using System.Collections.Concurrent;
using PhotoFF.Cuda;

namespace PhotoFF.Memory;

/// <summary>
/// A thread-safe pool of buffers of one kind of memory: size classes, best-fit reuse, statistics, a limit, trimming,
/// and one retry after trimming when an allocation fails. A buffer returned after GPU work carries a fence, and is
/// handed out again only once that work has finished (or behind a stream wait on the new user's stream). Before it
/// grows by a good part of its limit, or when it is full, it asks for a garbage collection so that the buffers of images
/// collected undisposed come back first (<see cref="UnreachableLeaseCollector"/>).
/// </summary>
internal sealed class BufferPool : IDisposable
{
    private readonly IBufferAllocator allocator;
    private readonly Action? enterContext;
    private readonly bool fenced;
    private readonly object gate = new();
    private readonly List<PooledBuffer> idle = [];
    private readonly HashSet<PooledBuffer> leased = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentQueue<(PooledBuffer Buffer, CudaStream? Stream)> abandoned = new();
    private readonly UnreachableLeaseCollector collector;
    private long bytesHeld;
    private long bytesLeased;
    private long peakBytesHeld;
    private long hits;
    private long misses;
    private long allocations;
    private long frees;
    private long outOfMemoryRetries;
    private volatile bool disposed;
    private string? abandonedBecause;

    /// <param name="name">What the pool is called in statistics.</param>
    /// <param name="allocator">Where its memory comes from.</param>
    /// <param name="limitBytes">The most it may hold.</param>
    /// <param name="enterContext">Makes the device's context current before driver calls; null for host memory.</param>
    /// <param name="fenced">Whether returned buffers carry a completion fence (memory that GPU work touches).</param>
    public BufferPool(string name, IBufferAllocator allocator, long limitBytes, Action? enterContext, bool fenced)
    {
        Name = name;
        this.allocator = allocator;
        LimitBytes = limitBytes;
        collector = new UnreachableLeaseCollector(limitBytes);
        this.enterContext = enterContext;
        this.fenced = fenced;
    }

    public string Name { get; }

    /// <summary>The most bytes the pool may hold, idle and leased together.</summary>
    public long LimitBytes { get; set; }

    public bool IsDisposed => disposed;

    /// <summary>Why the pool can no longer be used: its device was lost after a fault (the reason given to
    /// <see cref="Abandon"/>), or it was freed with the module.</summary>
    internal string DisposedReason => abandonedBecause ?? $"The {Name} pool has been freed (Remove-Module PhotoFF).";

    /// <summary>
    /// Leases a buffer of at least <paramref name="bytes"/>. When <paramref name="stream"/> is given, a reused buffer
    /// whose previous GPU work is still running is made safe by a stream wait instead of a host wait; a host wait ends
    /// early when <paramref name="cancellation"/> is cancelled (the buffer stays in the pool).
    /// </summary>
    public BufferLease Rent(long bytes, CudaStream? stream = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (disposed)
        {
            throw new ObjectDisposedException(Name, DisposedReason);
        }

        enterContext?.Invoke();
        bool collected = false;
        while (true)
        {
            lock (gate)
            {
                DrainAbandoned();
                if (collected)
                {
                    collector.Reset(bytesLeased);
                }

                PooledBuffer? buffer = TakeBestFit(bytes);
                if (buffer is not null)
                {
                    hits++;
                    try
                    {
                        WaitForPreviousUse(buffer, stream, cancellation);
                    }
                    catch
                    {
                        idle.Add(buffer);
                        throw;
                    }

                    return Lease(buffer, stream);
                }

                // Before the pool grows, or fails for want of room: images that nobody references any more may be
                // holding buffers that a collection would hand back.
                long capacity = SizeClass.RoundUp(bytes);
                bool full = bytesHeld + capacity > LimitBytes && bytesLeased > 0;
                if (collected || !(full || collector.ShouldCollect(bytesLeased)))
                {
                    misses++;
                    return Lease(Allocate(capacity), stream);
                }
            }

            collector.Collect();
            collected = true;
        }
    }

    /// <summary>How many times the pool asked .NET for a collection to find undisposed images (see
    /// <see cref="UnreachableLeaseCollector"/>).</summary>
    public long CollectionsRequested => collector.Collections;

    public BufferPoolStatistics Statistics()
    {
        lock (gate)
        {
            if (!disposed)
            {
                enterContext?.Invoke();
                DrainAbandoned();
            }

            return new BufferPoolStatistics(
                Name, idle.Count + leased.Count, leased.Count, bytesHeld, bytesLeased, peakBytesHeld, LimitBytes,
                hits, misses, allocations, frees, outOfMemoryRetries);
        }
    }

    /// <summary>Frees idle buffers until the pool holds at most <paramref name="keepBytes"/>; returns the bytes freed.</summary>
    public long Trim(long keepBytes = 0)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        enterContext?.Invoke();
        lock (gate)
        {
            DrainAbandoned();
            return TrimLocked(keepBytes);
        }
    }

    internal void Return(PooledBuffer buffer, CudaStream? lastStream)
    {
        if (disposed)
        {
            return;
        }

        enterContext?.Invoke();
        lock (gate)
        {
            if (disposed || !leased.Remove(buffer))
            {
                return;
            }

            bytesLeased -= buffer.Capacity;
            Fence(buffer, lastStream);
            idle.Add(buffer);
            DrainAbandoned();
        }
    }

    /// <summary>Called from a finalizer: queue only, no driver call, no lock.</summary>
    internal void EnqueueAbandoned(PooledBuffer buffer, CudaStream? lastStream)
    {
        if (!disposed)
        {
            abandoned.Enqueue((buffer, lastStream));
        }
    }

    private BufferLease Lease(PooledBuffer buffer, CudaStream? stream)
    {
        leased.Add(buffer);
        bytesLeased += buffer.Capacity;
        return new BufferLease(this, buffer, stream);
    }

    private void DrainAbandoned()
    {
        while (abandoned.TryDequeue(out var item))
        {
            if (leased.Remove(item.Buffer))
            {
                bytesLeased -= item.Buffer.Capacity;
                Fence(item.Buffer, item.Stream);
                idle.Add(item.Buffer);
            }
        }
    }

    private void Fence(PooledBuffer buffer, CudaStream? lastStream)
    {
        if (!fenced || lastStream is null)
        {
            return;
        }

        buffer.ReleaseFence ??= new CudaEvent();
        buffer.ReleaseFence.Record(lastStream);
        buffer.FencePending = true;
    }

    private static void WaitForPreviousUse(PooledBuffer buffer, CudaStream? stream, CancellationToken cancellation)
    {
        if (!buffer.FencePending || buffer.ReleaseFence is null)
        {
            return;
        }

        if (stream is not null)
        {
            stream.Wait(buffer.ReleaseFence);
        }
        else
        {
            buffer.ReleaseFence.Synchronize(cancellation);
        }

        buffer.FencePending = false;
    }

    /// <summary>The smallest idle buffer that holds <paramref name="bytes"/>, but no more than twice the size class:
    /// a thumbnail must not keep a photo's buffer (a contact sheet's cells, each in a 24 MB buffer, would add up to
    /// gigabytes), and a new small buffer costs little.</summary>
    private PooledBuffer? TakeBestFit(long bytes)
    {
        long largest = 2 * SizeClass.RoundUp(bytes);
        int best = -1;
        for (int i = 0; i < idle.Count; i++)
        {
            if (idle[i].Capacity >= bytes && idle[i].Capacity <= largest && (best < 0 || idle[i].Capacity < idle[best].Capacity))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return null;
        }

        PooledBuffer buffer = idle[best];
        idle[best] = idle[^1];
        idle.RemoveAt(idle.Count - 1);
        return buffer;
    }

    private PooledBuffer Allocate(long capacity)
    {
        if (bytesHeld + capacity > LimitBytes)
        {
            TrimLocked(Math.Max(0, LimitBytes - capacity));
            if (bytesHeld + capacity > LimitBytes)
            {
                throw new BufferPoolException(
                    $"The {Name} pool cannot grow by {Megabytes(capacity)}: it holds {Megabytes(bytesHeld)} " +
                    $"({Megabytes(bytesLeased)} in use by images not yet disposed) and its limit is {Megabytes(LimitBytes)}. " +
                    "Dispose images you no longer need (Remove-CudaImage) or raise the limit.");
            }
        }

        if (!allocator.TryAllocate(capacity, out ulong address))
        {
            outOfMemoryRetries++;
            TrimLocked(0);
            if (!allocator.TryAllocate(capacity, out address))
            {
                throw new BufferPoolException(
                    $"Out of {allocator.Description}: {Megabytes(capacity)} could not be allocated even after freeing " +
                    $"every idle buffer; {Megabytes(bytesLeased)} is held by images not yet disposed.");
            }
        }

        allocations++;
        bytesHeld += capacity;
        peakBytesHeld = Math.Max(peakBytesHeld, bytesHeld);
        return new PooledBuffer(address, capacity);
    }

    private long TrimLocked(long keepBytes)
    {
        long freed = 0;
        idle.Sort((a, b) => b.Capacity.CompareTo(a.Capacity));
        while (idle.Count > 0 && bytesHeld > keepBytes)
        {
            PooledBuffer buffer = idle[^1];
            idle.RemoveAt(idle.Count - 1);
            FreeBuffer(buffer);
            freed += buffer.Capacity;
        }

        return freed;
    }

    private void FreeBuffer(PooledBuffer buffer)
    {
        // Memory still in use by queued GPU work must not be freed under it.
        if (buffer.FencePending)
        {
            buffer.ReleaseFence?.Synchronize();
        }

        buffer.ReleaseFence?.Dispose();
        allocator.Free(buffer.Address);
        bytesHeld -= buffer.Capacity;
        frees++;
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MiB";

    /// <summary>Forgets every buffer without freeing it: for a broken context, whose reset frees them all. Later rents
    /// fail with <paramref name="reason"/>.</summary>
    public void Abandon(string reason)
    {
        lock (gate)
        {
            abandonedBecause = reason;
            disposed = true;
            abandoned.Clear();
            idle.Clear();
            leased.Clear();
            bytesHeld = 0;
            bytesLeased = 0;
        }
    }

    /// <summary>Frees every buffer, idle or leased; leases outstanding become unusable.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        enterContext?.Invoke();
        lock (gate)
        {
            DrainAbandoned();
            idle.AddRange(leased);
            leased.Clear();
            bytesLeased = 0;
            TrimLocked(0);
            disposed = true;
        }
    }
}
