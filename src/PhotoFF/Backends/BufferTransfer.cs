using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;

namespace PhotoFF.Backends;

/// <summary>
/// Copies pixels from a buffer of one backend into a new buffer of another: between two CUDA devices (directly where
/// they are peers, through pinned host memory otherwise), and between a CUDA device and the CPU backend (an upload or a
/// download). What an operation on two images needs when the images live on different devices.
/// </summary>
internal static class BufferTransfer
{
    /// <summary>
    /// A new buffer of <paramref name="target"/> holding the first <paramref name="bytes"/> of <paramref name="source"/>,
    /// rented from the target's pool and queued like <paramref name="sameQueueAs"/> (a buffer of the target), so that the
    /// work that reads it there is ordered after the copy. The source is only read; later work on it waits for the copy.
    /// The caller disposes the copy. A CUDA error names the device it came from (<see cref="CrossDeviceCopyException"/>).
    /// </summary>
    public static PixelBuffer CopyTo(PixelBuffer source, long bytes, IImageBackend target, PixelBuffer sameQueueAs)
    {
        if (ReferenceEquals(source.Backend, target))
        {
            throw new ArgumentException("The source is already on the target backend.", nameof(source));
        }

        PixelBuffer copy = CrossDeviceCopyException.OnSide(target, () => target.Allocate(bytes, sameQueueAs));
        try
        {
            switch (source, copy)
            {
                case (CudaPixelBuffer from, CudaPixelBuffer to):
                    ((CudaBackend)target).CopyFromDevice(from, to, bytes);
                    break;
                case (CpuPixelBuffer from, _):
                    CrossDeviceCopyException.OnSide(target, () => target.Upload(from.Bytes(bytes), copy));
                    break;
                case (_, CpuPixelBuffer to):
                    CrossDeviceCopyException.OnSide(source.Backend, () => source.Backend.Download(source, to.Bytes(bytes)));
                    break;
                default:
                    throw new NotSupportedException($"Pixels cannot be copied from {source.GetType().Name} to {copy.GetType().Name}.");
            }

            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}
