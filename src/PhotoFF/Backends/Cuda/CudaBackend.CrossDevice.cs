using PhotoFF.Cuda;
using PhotoFF.Memory;

namespace PhotoFF.Backends.Cuda;

// Pixels of another CUDA backend copied into a buffer of this one: for the operations that take two images (an overlay,
// a key image, a reference, the cells of a grid) when the images live on different devices. Each step runs in the
// context of the device it belongs to, and the two devices' streams are ordered with events both ways, as within one
// device (OrderAfter): the copy waits for the work queued on the source, and later work on the source (a change in
// place, or the release fence that lets its buffer be reused) waits for the copy.
internal sealed partial class CudaBackend
{
    private static readonly AsyncLocal<bool> StagedThroughHost = new();

    /// <summary>Copies between devices go through pinned host memory even where the devices could copy directly: for
    /// tests, which exercise the host route on a machine whose devices are peers or that has one device. Set for the
    /// calling flow alone (async-local), so that tests running at the same time keep their routes.</summary>
    internal static bool StageThroughHost
    {
        get => StagedThroughHost.Value;
        set => StagedThroughHost.Value = value;
    }

    /// <summary>How pixels of <paramref name="source"/>'s device reach this one; peer access is enabled on first use.</summary>
    internal CrossDeviceRoute RouteFrom(CudaBackend source)
    {
        if (StageThroughHost)
        {
            return CrossDeviceRoute.Host;
        }

        if (source.DeviceOrdinal == DeviceOrdinal)
        {
            return CrossDeviceRoute.SameDevice;
        }

        // This device's copy engines read the source's memory: this context needs access to the source's.
        return context.TryEnablePeerAccess(source.context) ? CrossDeviceRoute.Peer : CrossDeviceRoute.Host;
    }

    /// <summary>
    /// Copies the first <paramref name="bytes"/> of <paramref name="source"/>, a buffer of another CUDA backend, into
    /// <paramref name="destination"/>, a buffer of this one, queued on the destination's stream without a host wait.
    /// A CUDA error names the device it came from (<see cref="CrossDeviceCopyException"/>).
    /// </summary>
    internal void CopyFromDevice(CudaPixelBuffer source, CudaPixelBuffer destination, long bytes)
    {
        CudaPixelBuffer target = Own(destination);
        CudaBackend origin = source.Backend as CudaBackend ?? throw new ArgumentException("The source is not a CUDA buffer.", nameof(source));
        origin.ThrowIfLost();
        if (bytes < 0 || bytes > source.CapacityBytes || bytes > target.CapacityBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"The buffers hold {source.CapacityBytes} and {target.CapacityBytes} bytes.");
        }

        CrossDeviceRoute route = CrossDeviceCopyException.OnSide(this, () => RouteFrom(origin));
        if (route == CrossDeviceRoute.Host)
        {
            CopyThroughHost(origin, source, target, bytes);
            return;
        }

        CudaEvent sourceReady = CrossDeviceCopyException.OnSide(origin, () => origin.Mark(source.Stream));
        try
        {
            CrossDeviceCopyException.OnSide(this, () =>
            {
                context.MakeCurrent();
                target.Stream.Wait(sourceReady);
                if (route == CrossDeviceRoute.Peer)
                {
                    CudaMemory.CopyPeer(target.Pointer, context, source.Pointer, origin.context, bytes, target.Stream);
                }
                else
                {
                    CudaMemory.CopyDeviceToDevice(target.Pointer, source.Pointer, bytes, target.Stream);
                }
            });
            LetSourceWaitFor(origin, source, target);
        }
        finally
        {
            CrossDeviceCopyException.OnSide(origin, () => origin.Unmark(sourceReady));
        }
    }

    /// <summary>Down into pinned memory of the source's pool on the source's stream, then up from it on the target's:
    /// page-locked memory allocated as portable, so both devices copy it at full bus speed.</summary>
    private void CopyThroughHost(CudaBackend origin, CudaPixelBuffer source, CudaPixelBuffer target, long bytes)
    {
        BufferLease stage = CrossDeviceCopyException.OnSide(origin, () => origin.RentPinned(bytes));
        try
        {
            CudaEvent downloaded = CrossDeviceCopyException.OnSide(origin, () =>
            {
                origin.context.MakeCurrent();
                CudaMemory.CopyDeviceToHost((nint)stage.Address, source.Pointer, bytes, source.Stream);
                stage.LastStream = source.Stream;
                return origin.Mark(source.Stream);
            });
            try
            {
                CrossDeviceCopyException.OnSide(this, () =>
                {
                    context.MakeCurrent();
                    target.Stream.Wait(downloaded);
                    CudaMemory.CopyHostToDevice(target.Pointer, (nint)stage.Address, bytes, target.Stream);
                });

                // The source's stream also gates the staging buffer's reuse (its fence is recorded there on return).
                LetSourceWaitFor(origin, source, target);
            }
            finally
            {
                CrossDeviceCopyException.OnSide(origin, () => origin.Unmark(downloaded));
            }
        }
        finally
        {
            CrossDeviceCopyException.OnSide(origin, stage.Dispose);
        }
    }

    /// <summary>Makes later work on the source's stream wait for what is queued on the target's so far (the copy).</summary>
    private void LetSourceWaitFor(CudaBackend origin, CudaPixelBuffer source, CudaPixelBuffer target)
    {
        CudaEvent copied = CrossDeviceCopyException.OnSide(this, () => Mark(target.Stream));
        try
        {
            CrossDeviceCopyException.OnSide(origin, () =>
            {
                origin.context.MakeCurrent();
                source.Stream.Wait(copied);
            });
        }
        finally
        {
            CrossDeviceCopyException.OnSide(this, () => Unmark(copied));
        }
    }

    /// <summary>An event of this context recorded on <paramref name="stream"/> (of this context) after the work queued on
    /// it so far; a stream of any device may wait for it. Give it back with <see cref="Unmark"/>.</summary>
    private CudaEvent Mark(CudaStream stream)
    {
        context.MakeCurrent();
        CudaEvent mark = new();
        try
        {
            mark.Record(stream);
            return mark;
        }
        catch
        {
            mark.Dispose();
            throw;
        }
    }

    /// <summary>Destroys an event of <see cref="Mark"/> in its own context; the driver frees it once the work it
    /// captured is done, so waits already queued on it stay valid.</summary>
    private void Unmark(CudaEvent mark)
    {
        context.MakeCurrent();
        mark.Dispose();
    }
}
