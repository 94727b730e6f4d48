namespace PhotoFF.Cuda;

/// <summary>An owned event; timing is off unless asked for, which makes record and wait cheaper.</summary>
internal sealed class CudaEvent : IDisposable
{
    private const uint DisableTiming = 2;
    private bool disposed;

    public CudaEvent(bool timing = false)
    {
        CudaException.ThrowIfFailed(NativeMethods.cuEventCreate(out CuEvent handle, timing ? 0u : DisableTiming));
        Handle = handle;
    }

    internal CuEvent Handle { get; }

    public void Record(CudaStream stream) => CudaException.ThrowIfFailed(NativeMethods.cuEventRecord(Handle, stream.Handle));

    public void Synchronize() => CudaException.ThrowIfFailed(NativeMethods.cuEventSynchronize(Handle));

    /// <summary>Waits for the recorded work; a cancellation ends the wait (not the work) with
    /// <see cref="OperationCanceledException"/>.</summary>
    public void Synchronize(CancellationToken cancellation)
    {
        if (!cancellation.CanBeCanceled)
        {
            Synchronize();
            return;
        }

        CompletionWait.Until(() => IsComplete, cancellation);
    }

    /// <summary>True when the work captured by the last <see cref="Record"/> has finished.</summary>
    public bool IsComplete
    {
        get
        {
            CudaResult result = NativeMethods.cuEventQuery(Handle);
            if (result == CudaResult.NotReady)
            {
                return false;
            }

            CudaException.ThrowIfFailed(result, "cuEventQuery");
            return true;
        }
    }

    /// <summary>Milliseconds between two recorded timing events.</summary>
    public static float ElapsedMilliseconds(CudaEvent start, CudaEvent end)
    {
        CudaException.ThrowIfFailed(NativeMethods.cuEventElapsedTime(out float ms, start.Handle, end.Handle));
        return ms;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        CudaException.ThrowIfFailed(NativeMethods.cuEventDestroy_v2(Handle));
    }
}
