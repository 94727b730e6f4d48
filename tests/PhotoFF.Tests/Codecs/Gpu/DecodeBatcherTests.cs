using System.Collections.Concurrent;
using PhotoFF.Codecs.Gpu;

namespace PhotoFF.Tests.Codecs.Gpu;

/// <summary>The batching front of the hardware decoder, driven by a fake decoder: a lone request goes at once, requests
/// that arrive while a batch decodes form the next batch, never more than the maximum, in order.</summary>
public sealed class DecodeBatcherTests
{
    [Fact]
    public void A_lone_request_is_decoded_at_once_without_waiting_for_company()
    {
        using ManualResetEventSlim done = new();
        using DecodeBatcher<int> batcher = new(32, batch => done.Set(), (_, _) => { }, "test");

        batcher.Submit(1);

        Assert.True(done.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken), "the lone request was not decoded");
        Assert.Equal((1, 1), (batcher.Batches, batcher.Requests));
    }

    [Fact]
    public void Requests_that_arrive_during_a_batch_form_the_next_one_up_to_the_maximum_in_order()
    {
        using ManualResetEventSlim firstStarted = new();
        using ManualResetEventSlim releaseFirst = new();
        ConcurrentQueue<int[]> batches = new();
        using CountdownEvent all = new(1 + 40);
        using DecodeBatcher<int> batcher = new(16, batch =>
        {
            batches.Enqueue([.. batch]);
            if (batch[0] == 0)
            {
                firstStarted.Set();
                releaseFirst.Wait(TestContext.Current.CancellationToken);
            }

            all.Signal(batch.Count);
        }, (_, _) => { }, "test");

        batcher.Submit(0);
        Assert.True(firstStarted.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        for (int i = 1; i <= 40; i++)
        {
            batcher.Submit(i);
        }

        releaseFirst.Set();
        Assert.True(all.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        int[][] seen = [.. batches];
        Assert.Equal([[0], [.. Enumerable.Range(1, 16)], [.. Enumerable.Range(17, 16)], [.. Enumerable.Range(33, 8)]], seen);
    }

    [Fact]
    public void A_batch_that_throws_fails_each_of_its_requests_and_the_next_batch_still_runs()
    {
        ConcurrentDictionary<int, Exception> failed = new();
        using CountdownEvent finished = new(2);
        using DecodeBatcher<int> batcher = new(8, batch =>
        {
            finished.Signal();
            if (batch[0] == 1)
            {
                throw new InvalidOperationException("boom");
            }
        }, (request, error) => failed[request] = error, "test");

        batcher.Submit(1);
        SpinWait.SpinUntil(() => failed.ContainsKey(1), TimeSpan.FromSeconds(5));
        batcher.Submit(2);

        Assert.True(finished.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal("boom", failed[1].Message);
        Assert.False(failed.ContainsKey(2));
    }

    [Fact]
    public async Task Disposing_fails_what_still_waits_and_refuses_new_requests()
    {
        using ManualResetEventSlim started = new();
        using ManualResetEventSlim release = new();
        ConcurrentDictionary<int, Exception> failed = new();
        DecodeBatcher<int> batcher = new(1, batch =>
        {
            started.Set();
            release.Wait(TestContext.Current.CancellationToken);
        }, (request, error) => failed[request] = error, "test");
        batcher.Submit(1);
        Assert.True(started.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        batcher.Submit(2);

        Task disposing = Task.Run(batcher.Dispose, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        release.Set();
        await disposing.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.IsType<ObjectDisposedException>(failed[2]);
        Assert.False(failed.ContainsKey(1));
        Assert.Throws<ObjectDisposedException>(() => batcher.Submit(3));
    }
}
