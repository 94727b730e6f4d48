using System.Collections.Concurrent;
using PhotoFF.Commands;

namespace PhotoFF.Tests.Reliability;

/// <summary>The queue behind Import-CudaImage and Export-CudaImage: in order, interruptible, nothing leaked when a
/// pipeline gives up (issue 6, items 2, 3 and 5).</summary>
public sealed class OrderedWorkQueueTests
{
    [Fact]
    public void Items_start_in_the_order_they_were_queued_and_come_back_in_that_order()
    {
        using OrderedWorkQueue<int> queue = new(throttleLimit: 3);
        ConcurrentQueue<int> started = new();
        using ManualResetEventSlim go = new();
        for (int i = 0; i < 30; i++)
        {
            int item = i;
            queue.Enqueue($"item {item}", _ =>
            {
                started.Enqueue(item);
                go.Wait(Waits.Test);
                return item * 10;
            });
        }

        go.Set();
        List<int> results = [];
        while (queue.TryDequeueCompleted(wait: true, Waits.Test, out string key, out int result, out Exception? error))
        {
            Assert.Null(error);
            Assert.Equal($"item {result / 10}", key);
            results.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => i * 10), results);

        // Slots go to items in queue order, so at most the three running at once can be out of order.
        int[] order = [.. started];
        for (int i = 0; i < order.Length; i++)
        {
            Assert.InRange(order[i], i - 2, i + 2);
        }
    }

    [Fact]
    public async Task A_wait_for_an_item_that_never_ends_ends_when_the_pipeline_stops()
    {
        using OrderedWorkQueue<int> queue = new(throttleLimit: 1);
        using ManualResetEventSlim never = new();
        queue.Enqueue("blocked read", _ =>
        {
            never.Wait(TimeSpan.FromSeconds(30), Waits.Test);
            return 1;
        });
        using CancellationTokenSource stop = new(TimeSpan.FromMilliseconds(100));

        Task wait = Waits.Run(() => queue.TryDequeueCompleted(wait: true, stop.Token, out _, out _, out _));

        Assert.True(await wait.FinishesWithin(TimeSpan.FromSeconds(5)), "the wait did not end on the stop token");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        never.Set();
    }

    [Fact]
    public void Cancelled_items_that_never_ran_release_what_was_set_aside_for_them()
    {
        OrderedWorkQueue<int> queue = new(throttleLimit: 1);
        using ManualResetEventSlim hold = new();
        bool firstReleased = false;
        bool secondReleased = false;
        queue.Enqueue("running", _ =>
        {
            hold.Wait(TimeSpan.FromSeconds(30), Waits.Test);
            return 1;
        }, () => firstReleased = true);
        queue.Enqueue("waiting for a slot", _ => 2, () => secondReleased = true);

        queue.Cancel();
        hold.Set();
        Assert.True(queue.TryDequeueCompleted(wait: true, Waits.Test, out _, out int result, out Exception? error));
        Assert.Null(error);
        Assert.Equal(1, result);
        Assert.True(queue.TryDequeueCompleted(wait: true, Waits.Test, out _, out _, out error));
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.False(firstReleased, "the item that ran owns what was set aside for it");
        Assert.True(secondReleased, "the item that never ran gave back what was set aside for it");
        queue.Dispose();
    }

    [Fact]
    public async Task Results_nobody_takes_are_disposed_without_waiting_for_running_work()
    {
        ConcurrentBag<int> discarded = [];
        OrderedWorkQueue<Result> queue = new(throttleLimit: 2);
        using ManualResetEventSlim slow = new();
        queue.Enqueue("done", _ => new Result(1, discarded));
        queue.Enqueue("slow", _ =>
        {
            slow.Wait(TimeSpan.FromSeconds(30), Waits.Test);
            return new Result(2, discarded);
        });
        await Task.Delay(100, Waits.Test);

        Task dispose = Waits.Run(queue.Dispose);
        Assert.True(await dispose.FinishesWithin(TimeSpan.FromSeconds(5)), "Dispose waited for running work");
        slow.Set();
        Assert.True(SpinWait.SpinUntil(() => discarded.Count == 2, TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 2], discarded.Order());
    }

    private sealed class Result(int value, ConcurrentBag<int> disposed) : IDisposable
    {
        public void Dispose() => disposed.Add(value);
    }
}
