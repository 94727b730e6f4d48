using PhotoFF.Memory;

namespace PhotoFF.Tests.Memory;

/// <summary>A pool given up with its device (a fault): every later use says why, the leases still held included, so
/// that an image decoding on the lost device fails with the device's story rather than a bare ObjectDisposedException.</summary>
public sealed class AbandonedPoolTests
{
    private const string Reason = "CUDA device 1 was lost (CUDA_ERROR_ILLEGAL_ADDRESS in a test): the images on it are gone.";

    [Fact]
    public void A_lease_held_when_its_pool_is_abandoned_fails_with_the_reason()
    {
        using BufferPool pool = new("cuda:1 pinned staging", new HostMemoryAllocator(), 1L << 20, enterContext: null, fenced: false);
        BufferLease held = pool.Rent(4096, cancellation: TestContext.Current.CancellationToken);
        Assert.NotEqual(0UL, held.Address);

        pool.Abandon(Reason);

        ObjectDisposedException used = Assert.Throws<ObjectDisposedException>(() => held.Address);
        Assert.StartsWith(Reason, used.Message, StringComparison.Ordinal);
        ObjectDisposedException rented = Assert.Throws<ObjectDisposedException>(() => pool.Rent(16, cancellation: TestContext.Current.CancellationToken));
        Assert.StartsWith(Reason, rented.Message, StringComparison.Ordinal);
        held.Dispose();
    }

    [Fact]
    public void A_lease_of_a_pool_freed_with_the_module_says_so()
    {
        BufferPool pool = new("cpu pixels", new HostMemoryAllocator(), 1L << 20, enterContext: null, fenced: false);
        BufferLease held = pool.Rent(64, cancellation: TestContext.Current.CancellationToken);
        held.Dispose();
        BufferLease kept = pool.Rent(64, cancellation: TestContext.Current.CancellationToken);
        pool.Dispose();

        ObjectDisposedException used = Assert.Throws<ObjectDisposedException>(() => kept.Capacity);
        Assert.Contains("Remove-Module PhotoFF", used.Message, StringComparison.Ordinal);
        ObjectDisposedException disposed = Assert.Throws<ObjectDisposedException>(() => held.Address);
        Assert.Contains(nameof(BufferLease), disposed.Message, StringComparison.Ordinal);
    }
}
