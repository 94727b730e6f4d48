namespace PhotoFF.Cuda;

/// <summary>Process-wide driver initialization and device discovery.</summary>
internal static class CudaDriver
{
    private static readonly object Gate = new();
    private static CudaResult? initResult;
    private static string? unavailableReason;

    /// <summary>
    /// Initializes the driver once. Returns false, with the reason, when there is no driver library or no device;
    /// never throws for those.
    /// </summary>
    public static bool TryInitialize(out string reason)
    {
        lock (Gate)
        {
            if (initResult is null)
            {
                try
                {
                    NativeMethods.EnsureResolver();
                    initResult = NativeMethods.cuInit(0);
                    unavailableReason = initResult == CudaResult.Success
                        ? null
                        : $"the CUDA driver did not initialize: {CudaException.NameOf(initResult.Value)}";
                    if (initResult == CudaResult.Success && DeviceCountUnchecked() == 0)
                    {
                        initResult = CudaResult.NoDevice;
                        unavailableReason = "the CUDA driver found no device";
                    }
                }
                catch (DllNotFoundException)
                {
                    initResult = CudaResult.NotInitialized;
                    unavailableReason = OperatingSystem.IsWindows()
                        ? "no NVIDIA driver (nvcuda.dll) was found"
                        : "no NVIDIA driver (libcuda.so.1) was found";
                }
                catch (EntryPointNotFoundException ex)
                {
                    initResult = CudaResult.NotInitialized;
                    unavailableReason = $"the NVIDIA driver is too old: {ex.Message}";
                }
            }

            reason = unavailableReason ?? string.Empty;
            return initResult == CudaResult.Success;
        }
    }

    /// <summary>The driver's CUDA version as major.minor, such as 13.0.</summary>
    public static Version DriverVersion
    {
        get
        {
            CudaException.ThrowIfFailed(NativeMethods.cuDriverGetVersion(out int version));
            return new Version(version / 1000, version % 1000 / 10);
        }
    }

    public static int DeviceCount
    {
        get
        {
            CudaException.ThrowIfFailed(NativeMethods.cuDeviceGetCount(out int count));
            return count;
        }
    }

    private static int DeviceCountUnchecked() =>
        NativeMethods.cuDeviceGetCount(out int count) == CudaResult.Success ? count : 0;
}
