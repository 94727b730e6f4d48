using System.Runtime.CompilerServices;
using PhotoFF.Memory;

namespace PhotoFF.Tests.Memory;

/// <summary>Leases dropped without Dispose (images a script forgot) come back to the pool without anyone calling
/// GC.Collect: the pool asks for a collection before it grows too far or when it is full.</summary>
public sealed class UnreachableLeaseTests
{
    [Fact]
    public void A_full_pool_collects_dropped_leases_instead_of_failing()
    {
        using BufferPool pool = new("test", new AddressOnlyAllocator(), limitBytes: 64L << 20, enterContext: null, fenced: false);

        for (int i = 0; i < 500; i++)
        {
            RentAndDrop(pool, 1L << 20);
        }

        BufferPoolStatistics statistics = pool.Statistics();
        Assert.True(statistics.BytesHeld <= 64L << 20, $"{statistics.BytesHeld} bytes held");
        Assert.True(pool.CollectionsRequested > 0);
    }

    [Fact]
    public void A_pool_far_from_its_limit_stays_within_the_growth_allowed_between_collections()
    {
        const long Limit = 64L << 30;
        using BufferPool pool = new("test", new AddressOnlyAllocator(), Limit, enterContext: null, fenced: false);
        long growth = new UnreachableLeaseCollector(Limit).GrowthBeforeCollection;
        const long Image = 33L << 20;

        for (long rented = 0; rented < 4 * growth; rented += Image)
        {
            RentAndDrop(pool, Image);
        }

        BufferPoolStatistics statistics = pool.Statistics();
        Assert.Equal(2L << 30, growth);
        Assert.True(statistics.BytesHeld <= growth + (2 * Image), $"{statistics.BytesHeld} bytes held, {growth} allowed between collections");
        Assert.True(statistics.Allocations < 4 * growth / Image, $"{statistics.Allocations} allocations");
    }

    [Fact]
    public void Leases_still_referenced_are_never_taken_back()
    {
        using BufferPool pool = new("test", new AddressOnlyAllocator(), limitBytes: 16L << 20, enterContext: null, fenced: false);
        List<BufferLease> kept = [.. Enumerable.Range(0, 16).Select(_ => pool.Rent(1L << 20, cancellation: TestContext.Current.CancellationToken))];

        Assert.Throws<BufferPoolException>(() => pool.Rent(1L << 20, cancellation: TestContext.Current.CancellationToken));

        Assert.All(kept, lease => Assert.False(lease.IsDisposed));
        Assert.Equal(16, pool.Statistics().LeasedBuffers);
        kept.ForEach(lease => lease.Dispose());
    }

    [Theory]
    [InlineData(1L << 30, 256L << 20)]
    [InlineData(16L << 30, 1L << 30)]
    [InlineData(141L << 30, 2L << 30)]
    public void The_growth_between_collections_is_a_sixteenth_of_the_limit_within_bounds(long limit, long growth)
    {
        Assert.Equal(growth, new UnreachableLeaseCollector(limit).GrowthBeforeCollection);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RentAndDrop(BufferPool pool, long bytes) => _ = pool.Rent(bytes, cancellation: TestContext.Current.CancellationToken).Address;

    /// <summary>Hands out addresses without memory behind them: the pool only counts and reuses them.</summary>
    private sealed class AddressOnlyAllocator : IBufferAllocator
    {
        private long next = 1L << 40;

        public string Description => "addresses only";

        public bool TryAllocate(long bytes, out ulong address)
        {
            address = (ulong)Interlocked.Add(ref next, bytes);
            return true;
        }

        public void Free(ulong address)
        {
        }
    }
}
