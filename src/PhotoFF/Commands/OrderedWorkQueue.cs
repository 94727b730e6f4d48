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
    private readonly int pendingLimit;

    /// <param name="throttleLimit">How many items run their CPU part at once.</param>
    /// <param name="pendingLimit">How many items may be queued or finished but not yet taken before taking one waits:
    /// what bounds the memory their results hold. Twice the throttle limit by default.</param>
    public OrderedWorkQueue(int throttleLimit, int? pendingLimit = null)
    {
        this.pendingLimit = pendingLimit ?? 2 * throttleLimit;
        slots = new SemaphoreSlim(throttleLimit);
    }

    /// <summary>Queues <paramref name="work"/>, named by <paramref name="key"/> (a file) in what comes back;
    /// <paramref name="abandoned"/> runs instead if the queue is cancelled before the work starts.</summary>
    public void Enqueue(string key, Func<TResult> work, Action? abandoned = null) =>
        Enqueue(key, () => Task.FromResult(work()), abandoned);

    /// <summary>
    /// Queues work that starts on a worker and may finish later: <paramref name="start"/> runs under one of the
    /// throttle's slots, and the task it returns (a GPU decode waiting for its batch) completes without holding one.
    /// <paramref name="abandoned"/> runs instead if the queue is cancelled before the work starts.
    /// </summary>
    public void Enqueue(string key, Func<Task<TResult>> start, Action? abandoned = null)
    {
        CancellationToken token = cancellation.Token;
        pending.Enqueue((key, Task.Run(async () =>
        {
            Task<TResult> started;
            try
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                abandoned?.Invoke();
                throw;
            }

            try
            {
                if (token.IsCancellationRequested)
                {
                    abandoned?.Invoke();
                    token.ThrowIfCancellationRequested();
                }

                started = start();
            }
            finally
            {
                slots.Release();
            }

            return await started.ConfigureAwait(false);
        })));
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
        if (!task.IsCompleted && !wait && pending.Count <= pendingLimit)
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

    /// <summary>Cancels what has not started and waits for what has: each item (a file write) runs to its end. Results
    /// never handed out (images decoded ahead of a stopped pipeline) are disposed.</summary>
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

            if (task.IsCompletedSuccessfully && task.Result is IDisposable undelivered)
            {
                undelivered.Dispose();
            }
        }

        pending.Clear();
        cancellation.Dispose();
        slots.Dispose();
    }
}
