using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Devices;

/// <summary>
/// An image's pixels lent to an operation on another backend (<see cref="CudaImage.PixelsFor"/>): between two CUDA
/// devices (peer to peer, or through pinned host memory), two backends of one device, a CUDA device and the CPU, two CPU
/// backends. The copy holds the source's pixels as they were when it was made, whatever is queued on the source after.
/// </summary>
public sealed class CrossDeviceCopyTests
{
    public static TheoryData<string> Pairs => BackendPair.Names;

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_copy_on_the_other_backend_holds_the_source_pixels_and_later_changes_to_the_source_do_not_reach_it(string pair)
    {
        using BackendPair backends = BackendPair.Open(pair);
        const int width = 1031, height = 517;
        byte[] pixels = RandomImages.Rgba(width, height, seed: 71);

        // A source buffer larger than its pixels, poisoned beyond them: only the image's bytes may be copied.
        using CudaImage source = CudaImage.FromPixels(RandomImages.Poison(2 * pixels.Length), width, 2 * height, backends.Source);
        source.Load(pixels, width, height);
        using CudaImage consumer = CudaImage.Create(5, 3, Rgba.White, backends.Target);
        byte[] copied = new byte[pixels.Length];
        using (BorrowedPixels borrowed = ImageOperations.Run(consumer.Backend, () => source.PixelsFor(consumer)))
        {
            Assert.Same(backends.Target, borrowed.Buffer.Backend);

            // Queued on the source right after the copy: it must wait for the copy to have read the pixels.
            backends.Source.Fill(source.Pixels, source.PixelCount, 0xFF00FF00);
            backends.Target.Download(borrowed.Buffer, copied);
        }

        PixelAssert.Equal(pixels, copied, width, tolerance: 0, backends.ToString());
        byte[] changed = source.ToArray();
        Assert.All(Enumerable.Range(0, 64), i => Assert.Equal(0xFF00FF00u, BitConverter.ToUInt32(changed, i * 4 * 97)));
        Assert.Equal([255, 255, 255, 255], consumer.ToArray()[..4]);
    }

    /// <summary>Targets of their own: the pools of the shared backends change under tests running at the same time.</summary>
    [Theory]
    [InlineData("Cpu>CpuTwin")]
    [InlineData("Cuda>CpuTwin")]
    [InlineData("Cpu>CudaTwin")]
    [InlineData("Cuda>CudaTwin")]
    [InlineData("Cuda>CudaTwin/host")]
    public void The_copy_comes_from_the_pool_of_the_backend_it_was_made_on_and_goes_back_there(string pair)
    {
        using BackendPair backends = BackendPair.Open(pair);
        using CudaImage source = CudaImage.FromPixels(RandomImages.Rgba(64, 48, seed: 72), 64, 48, backends.Source);
        using CudaImage consumer = CudaImage.Create(64, 48, null, backends.Target);
        long leased = backends.Target.Pools[0].Statistics().BytesLeased;

        BorrowedPixels borrowed = source.PixelsFor(consumer);
        Assert.Equal(leased + borrowed.Buffer.CapacityBytes, backends.Target.Pools[0].Statistics().BytesLeased);
        borrowed.Dispose();

        Assert.Equal(leased, backends.Target.Pools[0].Statistics().BytesLeased);
    }

    [Theory]
    [MemberData(nameof(TestBackends.Names), MemberType = typeof(TestBackends))]
    public void On_one_backend_the_image_lends_its_own_buffer(string backend)
    {
        IImageBackend only = TestBackends.Named(backend);
        using CudaImage source = CudaImage.Create(4, 4, Rgba.White, only);
        using CudaImage consumer = CudaImage.Create(4, 4, null, only);
        using BorrowedPixels borrowed = source.PixelsFor(consumer);
        Assert.Same(source.Pixels, borrowed.Buffer);
    }

    [Fact]
    public void Backends_of_one_device_copy_within_it_and_the_host_route_is_taken_when_forced()
    {
        CudaBackend cuda = (CudaBackend)TestBackends.Cuda;
        using CudaBackend twin = TestBackends.CudaTwin();
        Assert.Equal(CrossDeviceRoute.SameDevice, cuda.RouteFrom(twin));
        Assert.False(cuda.Context.TryEnablePeerAccess(twin.Context));

        CudaBackend.StageThroughHost = true;
        try
        {
            Assert.Equal(CrossDeviceRoute.Host, cuda.RouteFrom(twin));
        }
        finally
        {
            CudaBackend.StageThroughHost = false;
        }
    }

    [Fact]
    public void Two_devices_copy_peer_to_peer_where_the_driver_allows_it_and_decide_it_once_per_pair()
    {
        CudaBackend first = (CudaBackend)TestBackends.Cuda;
        CudaBackend second = (CudaBackend)TestBackends.SecondCuda;
        Assert.Equal(CudaResult.Success, NativeMethods.cuDeviceCanAccessPeer(out int canAccess, first.Device.Handle, second.Device.Handle));

        CrossDeviceRoute expected = canAccess == 1 ? CrossDeviceRoute.Peer : CrossDeviceRoute.Host;
        Assert.Equal(expected, first.RouteFrom(second));
        Assert.Equal(expected, first.RouteFrom(second));

        // Another owner of device 0's primary context asking again: the driver says it is already enabled.
        using CudaBackend twin = TestBackends.CudaTwin();
        Assert.Equal(expected, twin.RouteFrom(second));
    }
}
