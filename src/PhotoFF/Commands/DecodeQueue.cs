using PhotoFF.Codecs;

namespace PhotoFF.Commands;

/// <summary>
/// Decodes files on worker threads, at most a given number at once, and hands the results back in the order the files
/// were queued. Lives in Commands because it exists for the pipeline's shape: one thread writing objects in order.
/// </summary>
internal sealed class DecodeQueue : IDisposable
{
    private readonly Queue<(string File, Task<DecodedImage> Task)> pending = new();
    private readonly CancellationTokenSource cancellation = new();
    private SemaphoreSlim? slots;
    private DecodeOptions options = new();
    private int limit = 1;

    public void Start(int throttleLimit, DecodeOptions decodeOptions)
    {
        limit = throttleLimit;
        options = decodeOptions;
        slots = new SemaphoreSlim(throttleLimit);
    }

    public void Enqueue(string file)
    {
        SemaphoreSlim gate = slots ?? throw new InvalidOperationException("The queue was not started.");
        CancellationToken token = cancellation.Token;
        pending.Enqueue((file, Task.Run(async () =>
        {
            await gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                token.ThrowIfCancellationRequested();
                return ImageDecoder.Decode(file, options);
            }
            finally
            {
                gate.Release();
            }
        }, token)));
    }

    /// <summary>
    /// The oldest file's result if it is done, or if <paramref name="wait"/> is set (or too many results are waiting to
    /// be written, which bounds the memory held by decoded pixels).
    /// </summary>
    public bool TryDequeueCompleted(bool wait, out string file, out DecodedImage? image, out Exception? error)
    {
        file = string.Empty;
        image = null;
        error = null;
        if (pending.Count == 0)
        {
            return false;
        }

        var (headFile, task) = pending.Peek();
        if (!task.IsCompleted && !wait && pending.Count <= 2 * limit)
        {
            return false;
        }

        pending.Dequeue();
        file = headFile;
        try
        {
            image = task.GetAwaiter().GetResult();
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
        cancellation.Cancel();
        pending.Clear();
        cancellation.Dispose();
        slots?.Dispose();
    }
}
