namespace PhotoFF.Codecs.Gpu;

/// <summary>
/// Feeds a decoder batches from one thread of its own: whatever has arrived by the time the decoder is free, up to a
/// maximum. A request that arrives alone goes alone, at once; under load, requests pile up while a batch decodes and the
/// next batch takes them all. So batches grow with the load and nothing waits for a batch to fill.
/// </summary>
/// <typeparam name="TRequest">A request; the decode callback completes it, the failure callback fails it.</typeparam>
internal sealed class DecodeBatcher<TRequest> : IDisposable
{
    private readonly Queue<TRequest> waiting = new();
    private readonly object gate = new();
    private readonly int maxBatch;
    private readonly Action<IReadOnlyList<TRequest>> decode;
    private readonly Action<TRequest, Exception> fail;
    private readonly Thread thread;
    private bool stopping;
    private long batches;
    private long requests;

    /// <param name="maxBatch">The most requests in one batch.</param>
    /// <param name="decode">Decodes a batch and completes each of its requests; runs on the batcher's thread.</param>
    /// <param name="fail">Fails one request: when <paramref name="decode"/> throws, and for requests still waiting at
    /// <see cref="Dispose"/>.</param>
    /// <param name="name">The thread's name, for debuggers.</param>
    public DecodeBatcher(int maxBatch, Action<IReadOnlyList<TRequest>> decode, Action<TRequest, Exception> fail, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        this.maxBatch = maxBatch;
        this.decode = decode;
        this.fail = fail;
        thread = new Thread(Run) { IsBackground = true, Name = name };
        thread.Start();
    }

    /// <summary>Batches decoded so far.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Requests decoded so far; with <see cref="Batches"/>, the mean batch size.</summary>
    public long Requests => Interlocked.Read(ref requests);

    public void Submit(TRequest request)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            waiting.Enqueue(request);
            Monitor.Pulse(gate);
        }
    }

    private void Run()
    {
        while (true)
        {
            List<TRequest> batch = [];
            lock (gate)
            {
                while (waiting.Count == 0 && !stopping)
                {
                    Monitor.Wait(gate);
                }

                if (stopping)
                {
                    return;
                }

                while (batch.Count < maxBatch && waiting.TryDequeue(out TRequest? request))
                {
                    batch.Add(request);
                }
            }

            Interlocked.Increment(ref batches);
            Interlocked.Add(ref requests, batch.Count);
            try
            {
                decode(batch);
            }
            catch (Exception error)
            {
                foreach (TRequest request in batch)
                {
                    fail(request, error);
                }
            }
        }
    }

    /// <summary>Lets the batch being decoded finish, fails the requests still waiting, and ends the thread.</summary>
    public void Dispose()
    {
        List<TRequest> abandoned;
        lock (gate)
        {
            if (stopping)
            {
                return;
            }

            stopping = true;
            abandoned = [.. waiting];
            waiting.Clear();
            Monitor.PulseAll(gate);
        }

        if (Thread.CurrentThread != thread)
        {
            thread.Join();
        }

        foreach (TRequest request in abandoned)
        {
            fail(request, new ObjectDisposedException(nameof(DecodeBatcher<TRequest>), "The GPU JPEG decoder was shut down."));
        }
    }
}
