namespace PhotoFF.Cuda;

/// <summary>
/// A retained primary context of one device. Every thread that calls the driver makes it current first
/// (<see cref="MakeCurrent"/>): PowerShell may run a pipeline's blocks on different threads.
/// </summary>
internal sealed class CudaContext : IDisposable
{
    private bool disposed;

    public CudaContext(CudaDevice device)
    {
        Device = device;
        CudaException.ThrowIfFailed(NativeMethods.cuDevicePrimaryCtxRetain(out CuContext handle, device.Handle));
        Handle = handle;
        MakeCurrent();
    }

    public CudaDevice Device { get; }

    internal CuContext Handle { get; }

    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CudaException.ThrowIfFailed(NativeMethods.cuCtxSetCurrent(Handle));
    }

    public void Synchronize()
    {
        MakeCurrent();
        CudaException.ThrowIfFailed(NativeMethods.cuCtxSynchronize());
    }

    /// <summary>Free and total device memory, as <c>cuMemGetInfo</c> reports them.</summary>
    public (long Free, long Total) MemoryInfo()
    {
        MakeCurrent();
        CudaException.ThrowIfFailed(NativeMethods.cuMemGetInfo_v2(out nuint free, out nuint total));
        return ((long)free, (long)total);
    }

    /// <summary>
    /// Gives up a context that a sticky error (an illegal address, a failed launch) has made unusable: releases it
    /// and resets the device's primary context, which frees everything allocated in it at once. Every step is
    /// attempted; the failures are thrown together afterwards.
    /// </summary>
    public void Reset()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Cleanup cleanup = new();
        cleanup.Run(() => CudaException.ThrowIfFailed(NativeMethods.cuCtxSetCurrent(default)));
        cleanup.Run(() => CudaException.ThrowIfFailed(NativeMethods.cuDevicePrimaryCtxRelease_v2(Device.Handle)));
        cleanup.Run(() => CudaException.ThrowIfFailed(NativeMethods.cuDevicePrimaryCtxReset_v2(Device.Handle)));
        cleanup.ThrowIfFailed($"the context of CUDA device {Device.Ordinal}");
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Cleanup cleanup = new();
        cleanup.Run(() => CudaException.ThrowIfFailed(NativeMethods.cuCtxSetCurrent(default)));
        cleanup.Run(() => CudaException.ThrowIfFailed(NativeMethods.cuDevicePrimaryCtxRelease_v2(Device.Handle)));
        cleanup.ThrowIfFailed($"the context of CUDA device {Device.Ordinal}");
    }
}
