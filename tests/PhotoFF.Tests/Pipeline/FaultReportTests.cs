using PhotoFF.Backends;
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
    public void A_cuda_error_on_the_cpu_backend_changes_nothing()
    {
        IImageBackend cpu = TestBackends.Cpu;
        using CudaImage image = CudaImage.Create(2, 2, Rgba.White, cpu);
        Assert.Throws<CudaException>(() => ImageOperations.Apply(image, _ => throw new CudaException(CudaResult.IllegalAddress, "test")));
        Assert.Same(cpu, BackendSelector.Cpu);
        Assert.Equal(Rgba.White.Packed, BitConverter.ToUInt32(image.ToArray(), 0));
    }
}
