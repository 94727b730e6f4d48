namespace PhotoFF.Commands;

/// <summary>
/// Runs work items on worker threads, at most a given number at once, and hands their results back in the order they
/// were queued: the shape of a pipeline, where one thread writes objects, errors and records in input order.
/// Import-CudaImage decodes through it, Export-CudaImage encodes and writes through it.
/// </summary>
/// <remarks>
/// Items also start in the order they were queued (a worker slot is asked for when the item is queued, and the
/// semaphore serves its waiters first come, first served). A decode that waits for memory
/// (<see cref="Codecs.DecodeMemoryBudget"/>) therefore never holds a slot that an earlier item needs.
/// </remarks>
internal sealed class OrderedWorkQueue<TResult> : IDisposable
{
    private readonly Queue<(string Key, Task<TResult> Task)> pending = new();
    private readonly CancellationTokenSource cancellation = new();
    private readonly SemaphoreSlim slots;
    private readonly int limit;
    private readonly Action<TResult>? discard;

    /// <param name="throttleLimit">How many items run at once.</param>
    /// <param name="discard">What to do with a result that nobody will take (the queue was disposed first): free it.</param>
    public OrderedWorkQueue(int throttleLimit, Action<TResult>? discard = null)
    {
        limit = throttleLimit;
        slots = new SemaphoreSlim(throttleLimit);
        this.discard = discard;
    }

    /// <summary>Items queued and not yet taken.</summary>
    public int Count => pending.Count;

    /// <summary>
    /// Queues <paramref name="work"/>, named by <paramref name="key"/> (a file) in what comes back. The work gets the
    /// queue's cancellation token. <paramref name="ifNotRun"/> is disposed when the work never runs (cancelled before
    /// its turn), so that what was set aside for it is given back.
    /// </summary>
    public void Enqueue(string key, Func<CancellationToken, TResult> work, IDisposable? ifNotRun = null)
    {
        CancellationToken token = cancellation.Token;
        Task slot = slots.WaitAsync(token);
        pending.Enqueue((key, RunInTurn(slot, work, token, ifNotRun)));
    }

    /// <summary>
    /// The oldest item's outcome if it is done, or waited for when <paramref name="wait"/> is set or too many items are
    /// queued (which bounds the memory their results hold). A failed or cancelled item comes back with its exception.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled during the wait.</exception>
    public bool TryDequeueCompleted(bool wait, CancellationToken stop, out string key, out TResult? result, out Exception? error)
    {
        key = string.Empty;
        result = default;
        error = null;
        if (pending.Count == 0)
        {
            return false;
        }

        var (headKey, task) = pending.Peek();
        if (!task.IsCompleted)
        {
            if (!wait && pending.Count <= 2 * limit)
            {
                return false;
            }

            try
            {
                task.Wait(stop);
            }
            catch (AggregateException)
            {
                // The item failed: its exception is taken below.
            }
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

    /// <summary>Items that have not started will not start; running ones see their token cancelled.</summary>
    public void Cancel() => cancellation.Cancel();

    /// <summary>
    /// Cancels what is left without waiting for it: results not taken go to the discard action, at once or when their
    /// work ends (a worker blocked in a read need not hold up the pipeline that gave up on it).
    /// </summary>
    public void Dispose()
    {
        cancellation.Cancel();
        while (pending.Count > 0)
        {
            Task<TResult> task = pending.Dequeue().Task;
            if (discard is not null)
            {
                task.ContinueWith(
                    static (done, state) =>
                    {
                        if (done.IsCompletedSuccessfully)
                        {
                            ((Action<TResult>)state!)(done.Result);
                        }
                    },
                    discard,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }

        // The semaphore and the token source stay undisposed: abandoned items still release and read them.
    }

    private async Task<TResult> RunInTurn(Task slot, Func<CancellationToken, TResult> work, CancellationToken token, IDisposable? ifNotRun)
    {
        try
        {
            await slot.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ifNotRun?.Dispose();
            throw;
        }

        try
        {
            if (token.IsCancellationRequested)
            {
                ifNotRun?.Dispose();
                token.ThrowIfCancellationRequested();
            }

            // Off the thread that queued it (the pipeline's) even when a slot was free at once, and through the thread
            // pool's global queue (first come, first served) rather than a worker's local one, so that items also
            // start running in the order they got their slots.
            return await Task.Factory.StartNew(() => work(token), CancellationToken.None,
                TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }
}
