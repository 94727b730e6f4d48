using System.Runtime.InteropServices;
using PhotoFF.Cuda;

namespace PhotoFF.Memory;

/// <summary>Device memory of one device (its context must be current).</summary>
internal sealed class DeviceMemoryAllocator(string deviceName) : IBufferAllocator
{
    public string Description => $"device memory on {deviceName}";

    public bool TryAllocate(long bytes, out ulong address)
    {
        CudaResult result = CudaMemory.TryAllocate(bytes, out CuDevicePtr pointer);
        address = pointer.Address;
        if (result == CudaResult.OutOfMemory)
        {
            return false;
        }

        CudaException.ThrowIfFailed(result, "cuMemAlloc_v2");
        return true;
    }

    public void Free(ulong address) => CudaMemory.Free(new CuDevicePtr(address));
}

/// <summary>Page-locked host memory, for staging copies at full bus speed.</summary>
internal sealed class PinnedMemoryAllocator : IBufferAllocator
{
    public string Description => "page-locked host memory";

    public bool TryAllocate(long bytes, out ulong address)
    {
        CudaResult result = CudaMemory.TryAllocateHost(bytes, out nint pointer);
        address = (ulong)pointer;
        if (result == CudaResult.OutOfMemory)
        {
            return false;
        }

        CudaException.ThrowIfFailed(result, "cuMemHostAlloc");
        return true;
    }

    public void Free(ulong address) => CudaMemory.FreeHost((nint)address);
}

/// <summary>Plain host memory, 64-byte aligned, for the CPU backend's pixels.</summary>
internal sealed unsafe class HostMemoryAllocator : IBufferAllocator
{
    public string Description => "host memory";

    public bool TryAllocate(long bytes, out ulong address)
    {
        try
        {
            address = (ulong)NativeMemory.AlignedAlloc((nuint)bytes, 64);
            return true;
        }
        catch (OutOfMemoryException)
        {
            address = 0;
            return false;
        }
    }

    public void Free(ulong address) => NativeMemory.AlignedFree((void*)address);
}
