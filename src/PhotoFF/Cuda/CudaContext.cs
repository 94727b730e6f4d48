namespace PhotoFF.Cuda;

/// <summary>
/// A retained primary context of one device. Every thread that calls the driver makes it current first
/// (<see cref="MakeCurrent"/>): PowerShell may run a pipeline's blocks on different threads.
/// </summary>
internal sealed class CudaContext : IDisposable
{
    /// <summary>Whether this context may address each peer context's memory directly, decided once per pair.</summary>
    private readonly Dictionary<CudaContext, bool> peers = new(ReferenceEqualityComparer.Instance);
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

    /// <summary>
    /// Lets work in this context read and write <paramref name="peer"/>'s memory directly (NVLink or PCIe), once per
    /// pair of contexts; false when the two devices cannot (<c>cuDeviceCanAccessPeer</c>), or the driver refuses (no peer
    /// access, too many peers), and copies between them must go through the host. Access is one way, this context to the
    /// peer's memory; a rebuilt peer is a new <see cref="CudaContext"/> and is asked again.
    /// </summary>
    public bool TryEnablePeerAccess(CudaContext peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (ReferenceEquals(peer, this) || peer.Device.Ordinal == Device.Ordinal)
        {
            return false;
        }

        lock (peers)
        {
            if (!peers.TryGetValue(peer, out bool enabled))
            {
                enabled = EnablePeerAccess(peer);
                peers.Add(peer, enabled);
            }

            return enabled;
        }
    }

    private bool EnablePeerAccess(CudaContext peer)
    {
        CudaException.ThrowIfFailed(NativeMethods.cuDeviceCanAccessPeer(out int canAccess, Device.Handle, peer.Device.Handle));
        if (canAccess == 0)
        {
            return false;
        }

        MakeCurrent();
        CudaResult result = NativeMethods.cuCtxEnablePeerAccess(peer.Handle, 0);

        // Already enabled: another owner of this primary context (the CUDA runtime of a library in the process) did it.
        if (result is CudaResult.Success or CudaResult.PeerAccessAlreadyEnabled)
        {
            return true;
        }

        if (result is CudaResult.PeerAccessUnsupported or CudaResult.TooManyPeers)
        {
            return false;
        }

        CudaException.ThrowIfFailed(result, "cuCtxEnablePeerAccess");
        return false;
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
