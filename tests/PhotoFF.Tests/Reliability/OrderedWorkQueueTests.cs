using System.Collections.Concurrent;
using PhotoFF.Commands;

namespace PhotoFF.Tests.Reliability;

/// <summary>The queue behind Import-CudaImage and Export-CudaImage: in order, interruptible, nothing leaked when a
/// pipeline gives up (issue 6, items 2, 3 and 5).</summary>
public sealed class OrderedWorkQueueTests
{
    [Fact]
    public void Results_come_back_in_the_order_items_were_queued_whatever_order_they_finish_in()
    {
        using OrderedWorkQueue<int> queue = new(throttleLimit: 3);
        Random random = new(5);
        int[] delays = [.. Enumerable.Range(0, 30).Select(_ => random.Next(0, 20))];
        for (int i = 0; i < 30; i++)
        {
            int item = i;
            queue.Enqueue($"item {item}", _ =>
            {
                Thread.Sleep(delays[item]);
                return item * 10;
            });
        }

        List<int> results = [];
        while (queue.TryDequeueCompleted(wait: true, Waits.Test, out string key, out int result, out Exception? error))
        {
            Assert.Null(error);
            Assert.Equal($"item {result / 10}", key);
            results.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => i * 10), results);
    }

    [Fact]
    public void Slots_go_to_items_in_the_order_they_were_queued()
    {
        // One slot: each item can only start once the one before it has ended, so the order the items run in is the
        // order their slots were granted in. (A slot asked for by each worker as it happens to run would not be.)
        using OrderedWorkQueue<int> queue = new(throttleLimit: 1);
        ConcurrentQueue<int> started = new();
        for (int i = 0; i < 60; i++)
        {
            int item = i;
            queue.Enqueue($"item {item}", _ =>
            {
                started.Enqueue(item);
                return item;
            });
        }

        while (queue.TryDequeueCompleted(wait: true, Waits.Test, out _, out _, out _))
        {
        }

        Assert.Equal(Enumerable.Range(0, 60), started);
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
