using System.Collections.Concurrent;
using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    /// <summary>Dynamic shared memory a kernel may use without raising its limit first.</summary>
    private const int DefaultSharedMemoryLimit = 48 * 1024;

    private readonly ConcurrentDictionary<CudaKernel, uint> sharedMemoryLimits = new();

    private readonly int? sharedMemoryCap;

    private int? sharedMemoryPerBlock;

    /// <summary>
    /// The dynamic shared memory one block may use: the device's opt-in limit, or the cap the backend was built with
    /// when that is lower. The blur, the distance field and the resize choose their kernels by it, so a cap gives the
    /// kernels a GPU with less shared memory takes (how the tests reach those fallbacks on any GPU).
    /// </summary>
    internal int SharedMemoryPerBlock() =>
        sharedMemoryPerBlock ??= Math.Min(Device.Attribute(CudaDeviceAttribute.MaxSharedMemoryPerBlockOptin), sharedMemoryCap ?? int.MaxValue);

    /// <summary>Raises the kernel's dynamic shared memory limit above the default 48 KB; never lowers it, so that
    /// launches from several threads cannot undo each other's setting.</summary>
    private void EnsureSharedMemory(CudaKernel kernel, uint bytes)
    {
        if (bytes <= DefaultSharedMemoryLimit || (sharedMemoryLimits.TryGetValue(kernel, out uint limit) && limit >= bytes))
        {
            return;
        }

        lock (sharedMemoryLimits)
        {
            uint current = sharedMemoryLimits.GetValueOrDefault(kernel);
            if (current < bytes)
            {
                kernel.SetAttribute(CudaFunctionAttribute.MaxDynamicSharedSizeBytes, (int)bytes);
                sharedMemoryLimits[kernel] = bytes;
            }
        }
    }
}
