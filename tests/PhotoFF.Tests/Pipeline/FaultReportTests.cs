using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Pipeline;

[CollectionDefinition(nameof(DeviceResetCollection), DisableParallelization = true)]
public sealed class DeviceResetCollection;

/// <summary>
/// A CUDA error that breaks the context is reported once, by the Imaging entry every piece of work goes through
/// (<see cref="ImageOperations.Run"/>): the backend is dropped and the next image gets a new one. Runs alone: dropping
/// the backend resets the device's context under every image of the process.
/// </summary>
[Collection(nameof(DeviceResetCollection))]
public sealed class FaultReportTests
{
    [Fact]
    public void A_fault_fatal_to_the_context_drops_the_backend_and_the_next_image_gets_a_new_one()
    {
        IImageBackend broken = TestBackends.Cuda;
        CudaException fault = new(CudaResult.IllegalAddress, "cuStreamSynchronize");
        using (CudaImage image = CudaImage.Create(4, 3, Rgba.White, broken))
        {
            Assert.Same(fault, Assert.Throws<CudaException>(() => ImageOperations.Apply(image, _ => throw fault)));
        }

        IImageBackend rebuilt = BackendSelector.ForDevice(0);
        Assert.NotSame(broken, rebuilt);
        using CudaImage fresh = CudaImage.Create(4, 3, new Rgba(1, 2, 3, 4), rebuilt);
        Assert.All(Enumerable.Range(0, 12), i => Assert.Equal(new Rgba(1, 2, 3, 4).Packed, BitConverter.ToUInt32(fresh.ToArray(), i * 4)));
    }

    [Fact]
    public void An_error_that_leaves_the_context_usable_keeps_the_backend()
    {
        IImageBackend cuda = TestBackends.Cuda;
        using CudaImage image = CudaImage.Create(4, 3, Rgba.White, cuda);
        Assert.Throws<CudaException>(() => ImageOperations.Evaluate<int>(image, _ => throw new CudaException(CudaResult.LaunchOutOfResources, "cuLaunchKernel(flip)")));
        Assert.Same(cuda, BackendSelector.ForDevice(0));
        Assert.Equal(Rgba.White.Packed, BitConverter.ToUInt32(image.ToArray(), 0));
    }

    [Fact]
    public unsafe void A_device_dropped_after_a_fault_takes_no_new_images_and_its_context_is_reset_only_when_it_is_started_again()
    {
        IImageBackend broken = TestBackends.Cuda;
        using CpuBackend cpu = new(16L << 20);
        IImageBackend[] both = [broken, cpu];
        using CudaImage onDevice = DeviceSpread.Create(both, backend => CudaImage.Create(4, 3, Rgba.White, backend));
        onDevice.SourcePath = "/photos/lost.jpg";
        Assert.Same(broken, onDevice.Backend);

        // Pinned memory of the device that a thread of the batch is still writing when the fault comes (a file being read).
        using PhotoFF.Memory.BufferLease pinned = ((CudaBackend)broken).RentPinned(1 << 20);
        nint address = (nint)pinned.Address;
        Assert.Throws<CudaException>(() => ImageOperations.Apply(onDevice, _ => throw new CudaException(CudaResult.IllegalAddress, "cuStreamSynchronize")));

        // Still mapped: a reset now would unmap it under the writer.
        new Span<byte>((void*)address, 1 << 20).Fill(7);
        Assert.Equal(7, ((byte*)address)[(1 << 20) - 1]);
        Assert.Null(BackendSelector.Live(broken));

        using CudaImage placedElsewhere = DeviceSpread.Create(both, backend => CudaImage.Create(4, 3, Rgba.White, backend));
        Assert.Same(cpu, placedElsewhere.Backend);
        ObjectDisposedException lost = Assert.Throws<ObjectDisposedException>(() => onDevice.ToArray());
        Assert.Contains("'/photos/lost.jpg' is gone: CUDA device 0 was lost (CUDA_ERROR_ILLEGAL_ADDRESS in cuStreamSynchronize)", lost.Message);

        IImageBackend rebuilt = BackendSelector.ForDevice(0);
        Assert.Same(rebuilt, BackendSelector.Live(broken));
        using CudaImage back = DeviceSpread.Create(both, backend => CudaImage.Create(4, 3, new Rgba(1, 2, 3, 4), backend));
        Assert.Same(rebuilt, back.Backend);
        Assert.Equal(new Rgba(1, 2, 3, 4).Packed, BitConverter.ToUInt32(back.ToArray(), 44));
    }

    [Fact]
    public void A_fault_in_a_copy_between_devices_drops_the_device_it_came_from_alone()
    {
        IImageBackend cuda = TestBackends.Cuda;
        IImageBackend cpu = TestBackends.Cpu;
        CudaException fault = new(CudaResult.IllegalAddress, "cuEventRecord");

        // The work ran on device 0, but the copy failed on the other side: device 0 is kept.
        Assert.Throws<CrossDeviceCopyException>(() => ImageOperations.Run<int>(cuda, () => throw new CrossDeviceCopyException(cpu, fault)));
        Assert.Same(cuda, BackendSelector.ForDevice(0));

        // The work ran on the CPU, and the copy failed on device 0: device 0 is dropped.
        CrossDeviceCopyException crossing = Assert.Throws<CrossDeviceCopyException>(() =>
            ImageOperations.Run<int>(cpu, () => throw new CrossDeviceCopyException(cuda, new CudaException(CudaResult.IllegalAddress, "cuMemcpyPeerAsync"))));
        Assert.Equal(0, crossing.DeviceOrdinal);
        Assert.Contains("CUDA device 0", crossing.Message);
        Assert.NotSame(cuda, BackendSelector.ForDevice(0));
    }

    [Fact]
    public void A_fault_on_one_of_two_devices_leaves_the_other_and_its_images_alone()
    {
        IImageBackend first = TestBackends.Cuda;
        IImageBackend second = TestBackends.SecondCuda;
        using CudaImage kept = CudaImage.Create(8, 8, Rgba.White, first);
        using CudaImage lost = CudaImage.Create(8, 8, Rgba.White, second);
        lost.SourcePath = "/photos/on-the-second.jpg";

        // Work on the second device nested in work on the first (a grid's cell fitted on its own device): reported once, there.
        Assert.Throws<CudaException>(() => ImageOperations.Run<int>(first, () =>
            ImageOperations.Evaluate<int>(lost, _ => throw new CudaException(CudaResult.LaunchFailed, "cuLaunchKernel(resize)"))));

        Assert.Same(first, BackendSelector.ForDevice(0));
        Assert.Null(BackendSelector.Live(second));
        Assert.All(kept.ToArray(), b => Assert.Equal(255, b));
        ObjectDisposedException error = Assert.Throws<ObjectDisposedException>(() => kept.Overlay(lost, 0, 0));
        Assert.Contains("on-the-second.jpg", error.Message);
        Assert.Contains("CUDA device 1 was lost", error.Message);

        using CudaImage placed = DeviceSpread.Create([first, second], backend => CudaImage.Create(2, 2, null, backend));
        Assert.Same(first, placed.Backend);
        Assert.NotSame(second, BackendSelector.ForDevice(1));
    }

    [Fact]
    public void A_cuda_error_on_the_cpu_backend_changes_nothing()
    {
        IImageBackend cpu = TestBackends.Cpu;
        using CudaImage image = CudaImage.Create(2, 2, Rgba.White, cpu);
        Assert.Throws<CudaException>(() => ImageOperations.Apply(image, _ => throw new CudaException(CudaResult.IllegalAddress, "test")));
        Assert.Same(cpu, BackendSelector.Cpu);
        Assert.Equal(Rgba.White.Packed, BitConverter.ToUInt32(image.ToArray(), 0));
    }
}
