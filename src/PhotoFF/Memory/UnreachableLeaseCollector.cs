namespace PhotoFF.Memory;

/// <summary>
/// When a pool's leased bytes have grown by <see cref="GrowthBeforeCollection"/> since the last look, asks .NET for a
/// full collection and waits for the finalizers, so that leases of images nobody references any more (users of a
/// PowerShell module rarely dispose) come back through the pool's queue before it allocates more. The garbage collector
/// cannot see device memory, so without this an undisposed image holds its buffer until managed allocations happen to
/// trigger a collection.
/// </summary>
internal sealed class UnreachableLeaseCollector
{
    private const long MinimumGrowth = 256L << 20;
    private const long MaximumGrowth = 2L << 30;
    private long leasedAtLastCollection;
    private long collections;

    /// <param name="limitBytes">The pool's limit: a sixteenth of it may be leased anew between collections, at least
    /// 256 MiB and at most 2 GiB.</param>
    public UnreachableLeaseCollector(long limitBytes)
    {
        GrowthBeforeCollection = Math.Clamp(limitBytes / 16, MinimumGrowth, MaximumGrowth);
    }

    public long GrowthBeforeCollection { get; }

    /// <summary>How many collections the pool asked for.</summary>
    public long Collections => Interlocked.Read(ref collections);

    /// <summary>Whether leases grew enough since the last collection that unreachable ones are worth looking for.</summary>
    public bool ShouldCollect(long bytesLeased) => bytesLeased - leasedAtLastCollection >= GrowthBeforeCollection;

    /// <summary>Collects and waits for the finalizers, which queue abandoned leases back; called without the pool's lock
    /// held, since a finalizer must never wait for it.</summary>
    public void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Interlocked.Increment(ref collections);
    }

    /// <summary>Sets the leased bytes after the pool drained its queue: growth is counted from there.</summary>
    public void Reset(long bytesLeased) => leasedAtLastCollection = bytesLeased;
}
