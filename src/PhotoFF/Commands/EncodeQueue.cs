namespace PhotoFF.Commands;

/// <summary>Runs file writes on worker threads, at most a given number at once, and reports them back in order.</summary>
internal sealed class EncodeQueue : IDisposable
{
    private readonly Queue<(string Path, Task Task)> pending = new();
    private readonly CancellationTokenSource cancellation = new();
    private SemaphoreSlim? slots;
    private int limit = 1;

    public void Start(int throttleLimit)
    {
        limit = throttleLimit;
        slots = new SemaphoreSlim(throttleLimit);
    }

    public void Enqueue(string path, Action write)
    {
        SemaphoreSlim gate = slots ?? throw new InvalidOperationException("The queue was not started.");
        CancellationToken token = cancellation.Token;
        pending.Enqueue((path, Task.Run(async () =>
        {
            await gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                token.ThrowIfCancellationRequested();
                write();
            }
            finally
            {
                gate.Release();
            }
        }, token)));
    }

    /// <summary>The oldest write if finished, or waited for when <paramref name="wait"/> is set or too many are queued
    /// (which bounds the memory held by downloaded pixels).</summary>
    public bool TryDequeueCompleted(bool wait, out string path, out Exception? error)
    {
        path = string.Empty;
        error = null;
        if (pending.Count == 0)
        {
            return false;
        }

        var (headPath, task) = pending.Peek();
        if (!task.IsCompleted && !wait && pending.Count <= 2 * limit)
        {
            return false;
        }

        pending.Dequeue();
        path = headPath;
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception failure)
        {
            error = failure;
        }

        return true;
    }

    public void Cancel() => cancellation.Cancel();

    public void Dispose()
    {
        // Writes already running finish (each is atomic); queued ones are cancelled.
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
        slots?.Dispose();
    }
}
