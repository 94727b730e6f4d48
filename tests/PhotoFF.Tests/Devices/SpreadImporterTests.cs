using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Devices;

/// <summary>
/// Import-CudaImage -Device All's importer: each file goes to the device with the fewest images in flight when its decode
/// starts, is decoded there (the device's own importer), and carries its claim into the image made from it. Two CPU
/// backends stand for two devices everywhere; two CUDA devices where there are two.
/// </summary>
public sealed class SpreadImporterTests
{
    private static readonly string[] Pngs = ["basn2c08.png", "basn6a08.png", "basn0g16.png", "basi3p04.png", "basn4a08.png", "basi2c16.png"];

    [Fact]
    public async Task Files_go_to_the_backend_with_the_fewest_images_in_flight_and_their_images_hold_the_claim()
    {
        using CpuBackend first = new(64L << 20);
        using CpuBackend second = new(64L << 20);
        SpreadImporter importer = new([first, second], new DecodeOptions());
        DecodeMemoryBudget.Line line = new DecodeMemoryBudget(1L << 30).OpenLine();
        string[] files = Pngs.Select(name => TestImages.Path("pngsuite", "png", name)).ToArray();

        List<CudaImage> images = [];
        try
        {
            foreach (string file in files)
            {
                using PendingImage decoded = await importer.Start(file, line.Enqueue(), CancellationToken.None);
                images.Add(Adopt(decoded));
                Assert.Same(decoded.Target, images[^1].Backend);
            }

            Assert.Equal([first, second, first, second, first, second], images.Select(image => image.Backend));
            Assert.Equal((3, 3), (DeviceSpread.ClaimedOn(first), DeviceSpread.ClaimedOn(second)));
            for (int i = 0; i < files.Length; i++)
            {
                Assert.Equal(ImageDecoder.Decode(files[i], new DecodeOptions()).Pixels, images[i].ToArray());
            }

            // Two images leave the second backend: the next two files go there, not in turn.
            images[1].Dispose();
            images[3].Dispose();
            Assert.Equal(1, DeviceSpread.ClaimedOn(second));
            foreach (string file in files[..2])
            {
                using PendingImage decoded = await importer.Start(file, line.Enqueue(), CancellationToken.None);
                images.Add(Adopt(decoded));
            }

            Assert.Equal([second, second], images[^2..].Select(image => image.Backend));
        }
        finally
        {
            images.ForEach(image => image.Dispose());
        }

        Assert.Equal((0, 0), (DeviceSpread.ClaimedOn(first), DeviceSpread.ClaimedOn(second)));
    }

    [Fact]
    public async Task A_decoded_file_nobody_takes_gives_its_claim_back_with_its_pixels()
    {
        using CpuBackend first = new(64L << 20);
        using CpuBackend second = new(64L << 20);
        SpreadImporter importer = new([first, second], new DecodeOptions());
        DecodeMemoryBudget.Line line = new DecodeMemoryBudget(1L << 30).OpenLine();

        PendingImage decoded = await importer.Start(TestImages.Path("pngsuite", "png", Pngs[0]), line.Enqueue(), CancellationToken.None);
        Assert.Equal(1, DeviceSpread.ClaimedOn(first));
        decoded.Dispose();

        Assert.Equal(0, DeviceSpread.ClaimedOn(first));
    }

    [Fact]
    public async Task A_file_that_fails_gives_its_claim_back()
    {
        using CpuBackend first = new(16L << 20);
        using CpuBackend second = new(16L << 20);
        SpreadImporter importer = new([first, second], new DecodeOptions());
        DecodeMemoryBudget.Line line = new DecodeMemoryBudget(1L << 30).OpenLine();

        await Assert.ThrowsAsync<CodecException>(() => importer.Start(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.png"), line.Enqueue(), CancellationToken.None));
        await Assert.ThrowsAsync<CodecException>(() => importer.Start(TestImages.Path("bad", "xcrn0g04.png"), line.Enqueue(), CancellationToken.None));

        Assert.Equal((0, 0), (DeviceSpread.ClaimedOn(first), DeviceSpread.ClaimedOn(second)));
    }

    [Fact]
    public void Read_ahead_adds_two_batches_for_each_device_with_a_hardware_jpeg_decoder()
    {
        using CpuBackend first = new(16L << 20);
        using CpuBackend second = new(16L << 20);
        Assert.Equal(2 * 16, new SpreadImporter([first, second], new DecodeOptions()).ReadAhead(16));
    }

    [Fact]
    public async Task Two_cuda_devices_both_decode_photos_of_one_batch_to_what_one_device_decodes()
    {
        IImageBackend first = TestBackends.Cuda;
        IImageBackend second = TestBackends.SecondCuda;
        string[] files = new[] { "HMD_Nokia_8.3_5G.jpg", "jolla.jpg", "iphone_hdr_YES.jpg", "Canon_40D.jpg" }.Select(name => TestImages.Path("photos", name)).ToArray();
        DecodeMemoryBudget.Line line = new DecodeMemoryBudget(8L << 30).OpenLine();
        SpreadImporter spread = new([first, second], new DecodeOptions());
        SpreadImporter alone = new([first], new DecodeOptions());

        foreach (string file in files)
        {
            using PendingImage both = await spread.Start(file, line.Enqueue(), CancellationToken.None);
            using PendingImage single = await alone.Start(file, line.Enqueue(), CancellationToken.None);
            using CudaImage spreadImage = Adopt(both);
            using CudaImage singleImage = Adopt(single);
            Assert.Same(first, singleImage.Backend);
            Assert.Equal(singleImage.ToArray(), spreadImage.ToArray());
        }

        // The images were disposed one by one, so both devices took turns; now keep them all and see both used.
        List<CudaImage> kept = [];
        try
        {
            foreach (string file in files)
            {
                using PendingImage decoded = await spread.Start(file, line.Enqueue(), CancellationToken.None);
                kept.Add(Adopt(decoded));
            }

            Assert.Equal([first, second, first, second], kept.Select(image => image.Backend));
            Assert.Equal([0, 1, 0, 1], kept.Select(image => image.DeviceOrdinal));
        }
        finally
        {
            kept.ForEach(image => image.Dispose());
        }
    }

    /// <summary>The image of a decoded file, as Import-CudaImage makes it: the device image, or an upload to the target.</summary>
    private static CudaImage Adopt(PendingImage decoded)
    {
        CudaImage image = decoded.TakeDeviceImage() ?? CudaImage.FromPixels(decoded.Pixels, decoded.Width, decoded.Height, decoded.Target);
        image.HoldClaim(decoded.TakeClaim());
        return image;
    }
}
