using PhotoFF.Commands;

namespace PhotoFF.Tests.Pipeline;

/// <summary>The ordered work queue behind Import and Export: work that finishes later (a GPU batch) gives its slot back
/// as soon as its CPU part is done; cancelled work is cleaned up; results nobody took are disposed.</summary>
public sealed class OrderedWorkQueueTests
{
    [Fact]
    public void Work_that_finishes_later_holds_a_slot_only_while_it_starts_and_results_keep_their_order()
    {
        using OrderedWorkQueue<int> queue = new(throttleLimit: 2);
        TaskCompletionSource<int>[] later = [.. Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource<int>())];
        int started = 0;
        for (int i = 0; i < later.Length; i++)
        {
            int index = i;
            queue.Enqueue($"item {index}", _ =>
            {
                Interlocked.Increment(ref started);
                return later[index].Task;
            });
        }

        // Six starts with two slots: only possible if a started item gives its slot back before it finishes.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref started) == later.Length, TimeSpan.FromSeconds(5)));
        for (int i = later.Length - 1; i >= 0; i--)
        {
            later[i].SetResult(i * 10);
        }

        for (int i = 0; i < later.Length; i++)
        {
            Assert.True(queue.TryDequeueCompleted(wait: true, TestContext.Current.CancellationToken, out string key, out int result, out Exception? error));
            Assert.Null(error);
            Assert.Equal(($"item {i}", i * 10), (key, result));
        }
    }

    [Fact]
    public void Work_cancelled_before_it_starts_runs_its_cleanup_instead()
    {
        OrderedWorkQueue<bool> queue = new(throttleLimit: 1);
        using ManualResetEventSlim release = new();
        int cleaned = 0;
        int ran = 0;
        queue.Enqueue("blocker", _ =>
        {
            release.Wait(TestContext.Current.CancellationToken);
            return true;
        });
        for (int i = 0; i < 3; i++)
        {
            queue.Enqueue($"item {i}", _ => Interlocked.Increment(ref ran) > 0, () => Interlocked.Increment(ref cleaned));
        }

        queue.Cancel();
        release.Set();
        queue.Dispose();

        Assert.Equal(0, ran);
        Assert.Equal(3, cleaned);
    }

    [Fact]
    public void Results_nobody_took_are_disposed_with_the_queue()
    {
        Disposable taken = new();
        Disposable left = new();
        using ManualResetEventSlim leftStarted = new();
        using (OrderedWorkQueue<Disposable> queue = new(throttleLimit: 2))
        {
            queue.Enqueue("taken", _ => taken);
            queue.Enqueue("left", _ =>
            {
                leftStarted.Set();
                return left;
            });
            Assert.True(queue.TryDequeueCompleted(wait: true, TestContext.Current.CancellationToken, out _, out Disposable? first, out _));
            Assert.Same(taken, first);

            // Work that never started is not run at all (nothing to dispose); this one has started, and its result is
            // disposed whether it is done before the queue is disposed or after.
            Assert.True(leftStarted.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        }

        Assert.True(SpinWait.SpinUntil(() => left.Disposed, TimeSpan.FromSeconds(10)), "the result nobody took was not disposed");
        Assert.False(taken.Disposed);
    }

    private sealed class Disposable : IDisposable
    {
        private volatile bool disposed;

        public bool Disposed => disposed;

        public void Dispose() => disposed = true;
    }
}
