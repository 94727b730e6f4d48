using System.Runtime.InteropServices;

namespace PhotoFF.Cuda;

/// <summary>
/// The CUDA driver API entry points the module uses, grouped as in the driver API documentation.
/// Versioned names are spelled out (<c>cuMemAlloc_v2</c>), as the driver exports them.
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "cuda";

    static NativeMethods()
    {
        NativeLibraries.Register(Library, OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"]);
    }

    /// <summary>Forces the static constructor (and so the resolver) before the first call.</summary>
    internal static void EnsureResolver() { }

    // Error handling
    [LibraryImport(Library)] internal static partial CudaResult cuGetErrorName(CudaResult error, out nint name);
    [LibraryImport(Library)] internal static partial CudaResult cuGetErrorString(CudaResult error, out nint text);

    // Initialization and version
    [LibraryImport(Library)] internal static partial CudaResult cuInit(uint flags);
    [LibraryImport(Library)] internal static partial CudaResult cuDriverGetVersion(out int version);

    // Device management
    [LibraryImport(Library)] internal static partial CudaResult cuDeviceGetCount(out int count);
    [LibraryImport(Library)] internal static partial CudaResult cuDeviceGet(out int device, int ordinal);
    [LibraryImport(Library)] internal static partial CudaResult cuDeviceGetName(byte* name, int length, int device);
    [LibraryImport(Library)] internal static partial CudaResult cuDeviceGetAttribute(out int value, CudaDeviceAttribute attribute, int device);
    [LibraryImport(Library)] internal static partial CudaResult cuDeviceTotalMem_v2(out nuint bytes, int device);

    // Primary context management and context management
    [LibraryImport(Library)] internal static partial CudaResult cuDevicePrimaryCtxRetain(out CuContext context, int device);
    [LibraryImport(Library)] internal static partial CudaResult cuDevicePrimaryCtxRelease_v2(int device);
    [LibraryImport(Library)] internal static partial CudaResult cuDevicePrimaryCtxReset_v2(int device);
    [LibraryImport(Library)] internal static partial CudaResult cuCtxSetCurrent(CuContext context);
    [LibraryImport(Library)] internal static partial CudaResult cuCtxGetCurrent(out CuContext context);
    [LibraryImport(Library)] internal static partial CudaResult cuCtxSynchronize();

    // Module management
    [LibraryImport(Library)] internal static partial CudaResult cuModuleLoadDataEx(out CuModule module, byte* image, uint optionCount, int* options, void** optionValues);
    [LibraryImport(Library)] internal static partial CudaResult cuModuleUnload(CuModule module);
    [LibraryImport(Library)] internal static partial CudaResult cuModuleGetFunction(out CuFunction function, CuModule module, byte* name);

    // Memory management
    [LibraryImport(Library)] internal static partial CudaResult cuMemGetInfo_v2(out nuint free, out nuint total);
    [LibraryImport(Library)] internal static partial CudaResult cuMemAlloc_v2(out CuDevicePtr pointer, nuint bytes);
    [LibraryImport(Library)] internal static partial CudaResult cuMemFree_v2(CuDevicePtr pointer);
    [LibraryImport(Library)] internal static partial CudaResult cuMemHostAlloc(out nint pointer, nuint bytes, uint flags);
    [LibraryImport(Library)] internal static partial CudaResult cuMemFreeHost(nint pointer);
    [LibraryImport(Library)] internal static partial CudaResult cuMemcpyHtoDAsync_v2(CuDevicePtr destination, nint source, nuint bytes, CuStream stream);
    [LibraryImport(Library)] internal static partial CudaResult cuMemcpyDtoHAsync_v2(nint destination, CuDevicePtr source, nuint bytes, CuStream stream);
    [LibraryImport(Library)] internal static partial CudaResult cuMemcpyDtoDAsync_v2(CuDevicePtr destination, CuDevicePtr source, nuint bytes, CuStream stream);
    [LibraryImport(Library)] internal static partial CudaResult cuMemsetD32Async(CuDevicePtr destination, uint value, nuint count, CuStream stream);

    // Stream management
    [LibraryImport(Library)] internal static partial CudaResult cuStreamCreate(out CuStream stream, uint flags);
    [LibraryImport(Library)] internal static partial CudaResult cuStreamDestroy_v2(CuStream stream);
    [LibraryImport(Library)] internal static partial CudaResult cuStreamSynchronize(CuStream stream);
    [LibraryImport(Library)] internal static partial CudaResult cuStreamQuery(CuStream stream);
    [LibraryImport(Library)] internal static partial CudaResult cuStreamWaitEvent(CuStream stream, CuEvent @event, uint flags);

    // Event management
    [LibraryImport(Library)] internal static partial CudaResult cuEventCreate(out CuEvent @event, uint flags);
    [LibraryImport(Library)] internal static partial CudaResult cuEventDestroy_v2(CuEvent @event);
    [LibraryImport(Library)] internal static partial CudaResult cuEventRecord(CuEvent @event, CuStream stream);
    [LibraryImport(Library)] internal static partial CudaResult cuEventQuery(CuEvent @event);
    [LibraryImport(Library)] internal static partial CudaResult cuEventSynchronize(CuEvent @event);
    [LibraryImport(Library)] internal static partial CudaResult cuEventElapsedTime(out float milliseconds, CuEvent start, CuEvent end);

    // Execution control
    [LibraryImport(Library)]
    internal static partial CudaResult cuLaunchKernel(
        CuFunction function,
        uint gridX, uint gridY, uint gridZ,
        uint blockX, uint blockY, uint blockZ,
        uint sharedMemoryBytes, CuStream stream, void** kernelParams, void** extra);
    [LibraryImport(Library)] internal static partial CudaResult cuFuncSetAttribute(CuFunction function, CudaFunctionAttribute attribute, int value);
}
