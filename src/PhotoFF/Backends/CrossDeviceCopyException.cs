using PhotoFF.Cuda;

namespace PhotoFF.Backends;

/// <summary>
/// A copy of pixels between two devices (two CUDA devices, or a CUDA device and the CPU backend) failed in the driver of
/// one of them. It names that device, so that a context broken by the failure is dropped on that device alone and not
/// on the other one, whose images are unharmed; <see cref="Exception.InnerException"/> is the driver's error.
/// </summary>
public sealed class CrossDeviceCopyException : Exception
{
    internal CrossDeviceCopyException(IImageBackend failed, Exception error)
        : base($"Copying pixels between devices failed on {Describe(failed)}: {error.Message}", error)
    {
        Backend = failed;
    }

    /// <summary>The CUDA device ordinal of the side that failed.</summary>
    public int DeviceOrdinal => Backend.DeviceOrdinal;

    /// <summary>The backend whose driver call failed.</summary>
    internal IImageBackend Backend { get; }

    /// <summary>Runs <paramref name="step"/>, a part of a copy made in <paramref name="side"/>'s driver context, naming that
    /// side in any CUDA error it throws.</summary>
    internal static T OnSide<T>(IImageBackend side, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (CudaException error)
        {
            throw new CrossDeviceCopyException(side, error);
        }
    }

    /// <inheritdoc cref="OnSide{T}(IImageBackend, Func{T})"/>
    internal static void OnSide(IImageBackend side, Action step) => OnSide(side, () =>
    {
        step();
        return true;
    });

    private static string Describe(IImageBackend backend) =>
        backend.Kind == BackendKind.Cpu ? "the CPU backend" : $"CUDA device {backend.DeviceOrdinal} ({backend.DeviceName})";
}
