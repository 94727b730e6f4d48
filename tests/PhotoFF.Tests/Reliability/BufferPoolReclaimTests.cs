using PhotoFF.Memory;

namespace PhotoFF.Tests.Reliability;

/// <summary>The pool under images that are never disposed and a mix of large and small images (issue 6, items 5
/// and 6).</summary>
public sealed class BufferPoolReclaimTests
{
    [Fact]
    public void At_its_limit_the_pool_takes_back_buffers_of_leases_nobody_references_before_it_gives_up()
    {
        using BufferPool pool = new("test host", new HostMemoryAllocator(), limitBytes: 8L << 20, enterContext: null, fenced: false);
        for (int i = 0; i < 20; i++)
        {
            DropLeaseUndisposed(pool, 4L << 20);
        }

        using BufferLease last = pool.Rent(4L << 20, cancellation: Waits.Test);
        Assert.True(pool.Statistics().BytesHeld <= 8L << 20);
    }

    [Fact]
    public void A_small_request_does_not_take_a_large_idle_buffer()
    {
        using BufferPool pool = new("test host", new HostMemoryAllocator(), limitBytes: 1L << 30, enterContext: null, fenced: false);
        pool.Rent(24L << 20, cancellation: Waits.Test).Dispose();

        using BufferLease thumbnail = pool.Rent(16L << 10, cancellation: Waits.Test);
        using BufferLease similar = pool.Rent(20L << 20, cancellation: Waits.Test);

        Assert.True(thumbnail.Capacity < 1L << 20, $"a 16 KB request got {thumbnail.Capacity} bytes");
        Assert.Equal(24L << 20, similar.Capacity);
    }

    private static void DropLeaseUndisposed(BufferPool pool, long bytes) => pool.Rent(bytes, cancellation: Waits.Test);
}
