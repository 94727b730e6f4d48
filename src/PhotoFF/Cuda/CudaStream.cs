namespace PhotoFF.Cuda;

/// <summary>An owned, non-blocking stream.</summary>
internal sealed class CudaStream : IDisposable
{
    private const uint NonBlocking = 1;
    private bool disposed;

    public CudaStream(int id)
    {
        CudaException.ThrowIfFailed(NativeMethods.cuStreamCreate(out CuStream handle, NonBlocking));
        Handle = handle;
        Id = id;
    }

    internal CuStream Handle { get; }

    /// <summary>A small number that names the stream in diagnostics.</summary>
    public int Id { get; }

    public void Synchronize() => CudaException.ThrowIfFailed(NativeMethods.cuStreamSynchronize(Handle));

    /// <summary>Waits for the work queued so far; a cancellation ends the wait (not the work) with
    /// <see cref="OperationCanceledException"/>.</summary>
    public void Synchronize(CancellationToken cancellation)
    {
        if (!cancellation.CanBeCanceled)
        {
            Synchronize();
            return;
        }

        CompletionWait.Until(() => IsIdle, cancellation);
    }

    /// <summary>True when all work queued so far has finished.</summary>
    public bool IsIdle
    {
        get
        {
            CudaResult result = NativeMethods.cuStreamQuery(Handle);
            if (result == CudaResult.NotReady)
            {
                return false;
            }

            CudaException.ThrowIfFailed(result, "cuStreamQuery");
            return true;
        }
    }

    /// <summary>Makes work queued later on this stream wait for <paramref name="event"/>, without blocking the host.</summary>
    public void Wait(CudaEvent @event) =>
        CudaException.ThrowIfFailed(NativeMethods.cuStreamWaitEvent(Handle, @event.Handle, 0));

    public override string ToString() => $"stream {Id}";

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        CudaException.ThrowIfFailed(NativeMethods.cuStreamDestroy_v2(Handle));
    }
}
