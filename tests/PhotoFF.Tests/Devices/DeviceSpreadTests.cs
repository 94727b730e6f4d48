using System.Runtime.CompilerServices;
using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Devices;

/// <summary>
/// How -Device All places images: on the backend with the fewest images claimed, a claim held from the placement until
/// the image is disposed, exported or collected. Two CPU backends stand for two devices, so this runs everywhere.
/// </summary>
public sealed class DeviceSpreadTests
{
    [Fact]
    public void Each_claim_goes_to_the_backend_with_the_fewest_and_the_first_on_a_tie()
    {
        using CpuBackend first = new(16L << 20);
        using CpuBackend second = new(16L << 20);
        IImageBackend[] both = [first, second];

        List<DeviceClaim> claims = [.. Enumerable.Range(0, 5).Select(_ => DeviceSpread.Claim(both))];

        Assert.Equal([first, second, first, second, first], claims.Select(claim => claim.Backend));
        Assert.Equal((3, 2), (DeviceSpread.ClaimedOn(first), DeviceSpread.ClaimedOn(second)));

        // The first device hands two images on: the next two go there, not in turn.
        claims[0].Dispose();
        claims[2].Dispose();
        claims[2].Dispose();
        Assert.Equal(1, DeviceSpread.ClaimedOn(first));
        Assert.Equal([first, first, second], Enumerable.Range(0, 3).Select(_ => DeviceSpread.Claim(both).Backend));
        Assert.Equal((3, 3), (DeviceSpread.ClaimedOn(first), DeviceSpread.ClaimedOn(second)));
    }

    [Fact]
    public void An_image_placed_on_several_backends_holds_its_claim_until_it_is_disposed()
    {
        using CpuBackend first = new(16L << 20);
        using CpuBackend second = new(16L << 20);
        IImageBackend[] both = [first, second];

        CudaImage a = DeviceSpread.Create(both, backend => CudaImage.Create(3, 2, Rgba.White, backend));
        CudaImage b = DeviceSpread.Create(both, backend => CudaImage.Create(3, 2, Rgba.White, backend));

        Assert.Equal([first, second], new[] { a.Backend, b.Backend });
        Assert.Equal((1, 1), (DeviceSpread.ClaimedOn(first), DeviceSpread.ClaimedOn(second)));
        a.Dispose();
        Assert.Equal(0, DeviceSpread.ClaimedOn(first));
        b.Dispose();
        b.Dispose();
        Assert.Equal(0, DeviceSpread.ClaimedOn(second));
    }

    [Fact]
    public void One_backend_takes_no_claim_and_a_failed_creation_gives_its_claim_back()
    {
        using CpuBackend only = new(16L << 20);
        using CpuBackend other = new(16L << 20);
        using CudaImage single = DeviceSpread.Create([only], backend => CudaImage.Create(2, 2, null, backend));
        Assert.Equal(0, DeviceSpread.ClaimedOn(only));

        Assert.Throws<InvalidOperationException>(() => DeviceSpread.Create([only, other], _ => throw new InvalidOperationException("refused")));
        Assert.Equal((0, 0), (DeviceSpread.ClaimedOn(only), DeviceSpread.ClaimedOn(other)));
    }

    [Fact]
    public void An_exported_image_keeps_its_claim_until_the_file_is_written()
    {
        using CpuBackend first = new(16L << 20);
        using CpuBackend second = new(16L << 20);
        CudaImage image = DeviceSpread.Create([first, second], backend => CudaImage.Create(3, 2, Rgba.White, backend));

        using (PendingExport export = PendingExport.Take(image, keepImage: false))
        {
            Assert.True(image.IsDisposed);
            Assert.Equal(1, DeviceSpread.ClaimedOn(first));
        }

        Assert.Equal(0, DeviceSpread.ClaimedOn(first));
    }

    [Fact]
    public void An_image_collected_undisposed_gives_its_claim_back()
    {
        using CpuBackend first = new(16L << 20);
        using CpuBackend second = new(16L << 20);
        PlaceAndForget([first, second]);
        Assert.Equal(1, DeviceSpread.ClaimedOn(first));

        for (int attempt = 0; attempt < 10 && DeviceSpread.ClaimedOn(first) != 0; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(0, DeviceSpread.ClaimedOn(first));
    }

    [Fact]
    public void A_backend_given_up_is_replaced_by_the_one_now_serving_its_device()
    {
        IImageBackend cuda = TestBackends.Cuda;
        using Backends.Cuda.CudaBackend twin = TestBackends.CudaTwin();
        Assert.Same(twin, BackendSelector.Live(twin));

        // Given up as after a fault (its pools forgotten, nothing freed: the context is the process's device 0 context).
        twin.Abandon("a test's pretended fault");

        Assert.Same(cuda, BackendSelector.Live(twin));
        using DeviceClaim claim = DeviceSpread.Claim([twin]);
        Assert.Same(cuda, claim.Backend);
        ObjectDisposedException lost = Assert.Throws<ObjectDisposedException>(() => twin.Allocate(16));
        Assert.Contains("CUDA device 0 was lost (a test's pretended fault)", lost.Message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PlaceAndForget(IImageBackend[] backends) =>
        DeviceSpread.Create(backends, backend => CudaImage.Create(3, 2, Rgba.White, backend));
}
