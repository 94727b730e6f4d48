namespace PhotoFF.Commands;

/// <summary>
/// Runs work items on worker threads, at most a given number at once, and hands their results back in the order they
/// were queued: the shape of a pipeline, where one thread writes objects, errors and records in input order.
/// Import-CudaImage decodes through it, Export-CudaImage encodes and writes through it.
/// </summary>
/// <remarks>
/// Items also start in the order they were queued: a worker slot is asked for when the item is queued, the semaphore
/// serves its waiters first come, first served, and the work goes through the thread pool's global queue. A decode that
/// waits for memory (<see cref="Codecs.DecodeMemoryBudget"/>) therefore never holds a slot that an earlier item needs.
/// </remarks>
internal sealed class OrderedWorkQueue<TResult> : IDisposable
{
    private readonly Queue<Item> pending = new();
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

    /// <summary>Items queued and not yet taken.</summary>
    public int Count => pending.Count;

    /// <summary>Queues <paramref name="work"/>, named by <paramref name="key"/> (a file) in what comes back; the work gets
    /// the queue's cancellation token. <paramref name="abandoned"/> runs instead if the queue is cancelled before the
    /// work starts (to give back what was set aside for it).</summary>
    public void Enqueue(string key, Func<CancellationToken, TResult> work, Action? abandoned = null) =>
        Enqueue(key, token => Task.FromResult(work(token)), abandoned);

    /// <summary>
    /// Queues work that starts on a worker and may finish later: <paramref name="start"/> runs under one of the
    /// throttle's slots, and the task it returns (a GPU decode waiting for its batch) completes without holding one.
    /// <paramref name="abandoned"/> runs instead if the queue is cancelled before the work starts.
    /// </summary>
    public void Enqueue(string key, Func<CancellationToken, Task<TResult>> start, Action? abandoned = null)
    {
        CancellationToken token = cancellation.Token;
        Item item = new(key);
        Task slot = slots.WaitAsync(token);
        item.Task = RunInTurn(item, slot, start, token, abandoned);
        pending.Enqueue(item);
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

        Item head = pending.Peek();
        if (!head.Task.IsCompleted)
        {
            if (!wait && pending.Count <= pendingLimit)
            {
                return false;
            }

            try
            {
                head.Task.Wait(stop);
            }
            catch (AggregateException)
            {
                // The item failed: its exception is taken below.
            }
        }

        pending.Dequeue();
        key = head.Key;
        try
        {
            result = head.Task.GetAwaiter().GetResult();
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
    /// Cancels what is left. Items that never started are cleaned up (their abandoned actions run) before this returns;
    /// running ones are not waited for (a worker blocked in a read need not hold up the pipeline that gave up on it).
    /// Results nobody took are disposed, at once or when their work ends.
    /// </summary>
    public void Dispose()
    {
        cancellation.Cancel();
        while (pending.Count > 0)
        {
            Item item = pending.Dequeue();
            if (!item.Started)
            {
                // Cancelled before its turn, or just starting: either way it ends at once.
                try
                {
                    item.Task.Wait(TimeSpan.FromSeconds(1));
                }
                catch (AggregateException)
                {
                }
            }

            item.Task.ContinueWith(
                static done =>
                {
                    if (done.IsCompletedSuccessfully && done.Result is IDisposable undelivered)
                    {
                        undelivered.Dispose();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        // The semaphore and the token source stay undisposed: abandoned items still release and read them.
    }

    private async Task<TResult> RunInTurn(Item item, Task slot, Func<CancellationToken, Task<TResult>> start, CancellationToken token, Action? abandoned)
    {
        try
        {
            await slot.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            abandoned?.Invoke();
            throw;
        }

        Task<TResult> started;
        try
        {
            if (token.IsCancellationRequested)
            {
                abandoned?.Invoke();
                token.ThrowIfCancellationRequested();
            }

            item.Started = true;

            // Off the thread that queued it (the pipeline's) even when a slot was free at once, and through the thread
            // pool's global queue (first come, first served) rather than a worker's local one, so that items also
            // start running in the order they got their slots.
            started = await Task.Factory.StartNew(() => start(token), CancellationToken.None,
                TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }

        return await started.ConfigureAwait(false);
    }

    /// <summary>One queued item: its name, its task, and whether its work has begun (set on a worker, read by Dispose).</summary>
    private sealed class Item(string key)
    {
        private volatile bool started;

        public string Key { get; } = key;

        public Task<TResult> Task { get; set; } = null!;

        public bool Started
        {
            get => started;
            set => started = value;
        }
    }
}
