namespace PhotoFF.Commands;

/// <summary>
/// Runs work items on worker threads, at most a given number at once, and hands their results back in the order they
/// were queued: the shape of a pipeline, where one thread writes objects, errors and records in input order.
/// Import-CudaImage decodes through it, Export-CudaImage encodes and writes through it.
/// </summary>
internal sealed class OrderedWorkQueue<TResult> : IDisposable
{
    private readonly Queue<(string Key, Task<TResult> Task)> pending = new();
    private readonly CancellationTokenSource cancellation = new();
    private readonly SemaphoreSlim slots;
    private readonly int limit;

    public OrderedWorkQueue(int throttleLimit)
    {
        limit = throttleLimit;
        slots = new SemaphoreSlim(throttleLimit);
    }

    /// <summary>Queues <paramref name="work"/>, named by <paramref name="key"/> (a file) in what comes back.</summary>
    public void Enqueue(string key, Func<TResult> work)
    {
        CancellationToken token = cancellation.Token;
        pending.Enqueue((key, Task.Run(async () =>
        {
            await slots.WaitAsync(token).ConfigureAwait(false);
            try
            {
                token.ThrowIfCancellationRequested();
                return work();
            }
            finally
            {
                slots.Release();
            }
        }, token)));
    }

    /// <summary>
    /// The oldest item's outcome if it is done, or waited for when <paramref name="wait"/> is set or too many items are
    /// queued (which bounds the memory their results hold).
    /// </summary>
    public bool TryDequeueCompleted(bool wait, out string key, out TResult? result, out Exception? error)
    {
        key = string.Empty;
        result = default;
        error = null;
        if (pending.Count == 0)
        {
            return false;
        }

        var (headKey, task) = pending.Peek();
        if (!task.IsCompleted && !wait && pending.Count <= 2 * limit)
        {
            return false;
        }

        pending.Dequeue();
        key = headKey;
        try
        {
            result = task.GetAwaiter().GetResult();
        }
        catch (Exception failure)
        {
            error = failure;
        }

        return true;
    }

    public void Cancel() => cancellation.Cancel();

    /// <summary>Cancels what has not started and waits for what has: each item (a file write) runs to its end.</summary>
    public void Dispose()
    {
        cancellation.Cancel();
        foreach (var (_, task) in pending)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
            }
        }

        pending.Clear();
        cancellation.Dispose();
        slots.Dispose();
    }
}
