namespace PhotoFF.Cuda;

/// <summary>Device and page-locked host allocations, and copies between them. The current context must be set.</summary>
internal static class CudaMemory
{
    private const uint HostAllocPortable = 1;

    /// <summary>Allocates device memory; returns the driver's result instead of throwing, so that a pool can
    /// trim and retry on <see cref="CudaResult.OutOfMemory"/>.</summary>
    public static CudaResult TryAllocate(long bytes, out CuDevicePtr pointer) =>
        NativeMethods.cuMemAlloc_v2(out pointer, (nuint)bytes);

    public static void Free(CuDevicePtr pointer) => CudaException.ThrowIfFailed(NativeMethods.cuMemFree_v2(pointer));

    public static CudaResult TryAllocateHost(long bytes, out nint pointer) =>
        NativeMethods.cuMemHostAlloc(out pointer, (nuint)bytes, HostAllocPortable);

    public static void FreeHost(nint pointer) => CudaException.ThrowIfFailed(NativeMethods.cuMemFreeHost(pointer));

    public static void CopyHostToDevice(CuDevicePtr destination, nint source, long bytes, CudaStream stream) =>
        CudaException.ThrowIfFailed(NativeMethods.cuMemcpyHtoDAsync_v2(destination, source, (nuint)bytes, stream.Handle));

    public static void CopyDeviceToHost(nint destination, CuDevicePtr source, long bytes, CudaStream stream) =>
        CudaException.ThrowIfFailed(NativeMethods.cuMemcpyDtoHAsync_v2(destination, source, (nuint)bytes, stream.Handle));

    public static void CopyDeviceToDevice(CuDevicePtr destination, CuDevicePtr source, long bytes, CudaStream stream) =>
        CudaException.ThrowIfFailed(NativeMethods.cuMemcpyDtoDAsync_v2(destination, source, (nuint)bytes, stream.Handle));

    /// <summary>Copies between the memory of two contexts (two devices); queued on <paramref name="stream"/>, whose context
    /// must be current. Direct over NVLink or PCIe where peer access is enabled, staged by the driver otherwise.</summary>
    public static void CopyPeer(CuDevicePtr destination, CudaContext destinationContext, CuDevicePtr source, CudaContext sourceContext, long bytes, CudaStream stream) =>
        CudaException.ThrowIfFailed(NativeMethods.cuMemcpyPeerAsync(destination, destinationContext.Handle, source, sourceContext.Handle, (nuint)bytes, stream.Handle));

    /// <summary>Sets <paramref name="count"/> 32-bit words (one RGBA8 pixel each) to <paramref name="value"/>.</summary>
    public static void Fill32(CuDevicePtr destination, uint value, long count, CudaStream stream) =>
        CudaException.ThrowIfFailed(NativeMethods.cuMemsetD32Async(destination, value, (nuint)count, stream.Handle));
}
