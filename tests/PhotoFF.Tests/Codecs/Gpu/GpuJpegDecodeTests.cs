using NetVips;
using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs;
using PhotoFF.Codecs.Gpu;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Tests.Codecs.Jpeg;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Gpu;

/// <summary>
/// The GPU decode path against the libvips path, on the GPU machine: every test JPEG ends the same way (the same error
/// kind for a bad file; for a good one the same size, orientation and metadata, and pixels within the tolerance below),
/// batches decode each image as it decodes alone, and the kernel that expands nvJPEG's RGB applies every orientation.
/// </summary>
/// <remarks>
/// Tolerance: nvJPEG's IDCT and chroma upsampling are not libjpeg's ISLOW IDCT and fancy upsampling (even with
/// NVJPEG_FLAGS_UPSAMPLING_WITH_INTERPOLATION the filter and rounding differ), so pixels differ by a few levels
/// almost everywhere in 4:2:0 photos and by more on sharp colour edges, where upsampling filters disagree most:
/// expect a PSNR of 44-50 dB and a maximum difference up to about 30 on such edges. The check is 40 dB, and the worst
/// difference is reported for each file.
/// </remarks>
public sealed class GpuJpegDecodeTests
{
    public const double MinimumPsnr = 40;

    public static TheoryData<string> Files() => JpegTestFiles.All();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_test_jpeg_ends_on_the_gpu_path_as_on_the_libvips_path(string key)
    {
        _ = TestNvjpeg.Codec;
        string path = JpegTestFiles.PathOf(key);
        (DecodedImage? reference, CodecException? referenceError) = DecodeWithLibvips(path, new DecodeOptions());
        ImageImporter importer = new(TestBackends.Cuda, new DecodeOptions());
        (PendingImage? imported, CodecException? error) = await Import(importer, path);
        if (referenceError is not null)
        {
            Assert.True(error is not null, $"{key}: libvips refuses it ({referenceError.Reason}) but the GPU path decoded it");
            Assert.Equal(referenceError.Kind, error.Kind);
            Assert.Equal(referenceError.Path, error.Path);
            return;
        }

        Assert.True(error is null, $"{key}: {error?.Message}");
        using (imported)
        {
            JpegHeader? header = JpegParser.Parse(File.ReadAllBytes(path)).Header;
            bool gpu = header is not null && GpuJpegEligibility.WhyNot(header) is null;
            Assert.Equal(gpu, imported!.IsOnDevice);
            AssertSame(key, reference!, imported);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Each_exif_orientation_is_applied_on_the_gpu_as_libvips_applies_it(int orientation)
    {
        _ = TestNvjpeg.Codec;
        using CodecAssert.TempFolder folder = new();
        string path = folder.File($"oriented_{orientation}.jpg");
        File.WriteAllBytes(path, Oriented(orientation, width: 301, height: 203));
        Assert.Equal(orientation, JpegParser.Parse(File.ReadAllBytes(path)).Header!.Orientation);

        using PendingImage imported = await Start(new ImageImporter(TestBackends.Cuda, new DecodeOptions()), path);

        Assert.True(imported.IsOnDevice);
        AssertSame($"orientation {orientation}", ImageDecoder.Decode(path, new DecodeOptions()), imported);
    }

    [Fact]
    public async Task Many_files_at_once_go_in_batches_and_each_decodes_as_it_does_alone()
    {
        GpuJpegDecoder decoder = TestNvjpeg.Codec.Decoder;
        if (!decoder.HasHardwareDecoder)
        {
            Assert.Skip("This GPU has no hardware JPEG decoder: nothing is batched.");
        }

        using CodecAssert.TempFolder folder = new();
        string[] sources = [.. new[] { "HMD_Nokia_8.3_5G.jpg", "iphone_hdr_YES.jpg", "jolla.jpg", "Canon_40D.jpg" }.Select(n => TestImages.Path("photos", n))];
        ImageImporter importer = new(TestBackends.Cuda, new DecodeOptions());
        Dictionary<string, byte[]> alone = [];
        foreach (string source in sources)
        {
            using PendingImage single = await Start(importer, source);
            using CudaImage image = single.TakeDeviceImage()!;
            alone[source] = image.ToArray();
        }

        string[] files = [.. Enumerable.Range(0, 48).Select(i =>
        {
            string copy = folder.File($"copy_{i:D2}.jpg");
            File.Copy(sources[i % sources.Length], copy);
            return copy;
        })];
        (long batchesBefore, long requestsBefore) = decoder.BatchCounts;

        PendingImage[] results = await Task.WhenAll(files.Select(f => Task.Run(() => Start(importer, f), TestContext.Current.CancellationToken)));

        (long batchesAfter, long requestsAfter) = decoder.BatchCounts;
        TestNvjpeg.Report($"{requestsAfter - requestsBefore} requests in {batchesAfter - batchesBefore} batches");
        Assert.Equal(files.Length, requestsAfter - requestsBefore);
        Assert.True(batchesAfter - batchesBefore < files.Length, "requests that arrive together share batches");
        for (int i = 0; i < files.Length; i++)
        {
            using PendingImage result = results[i];
            using CudaImage image = result.TakeDeviceImage()!;
            Assert.Equal(alone[sources[i % sources.Length]], image.ToArray());
        }
    }

    [Fact]
    public async Task The_pixel_limit_is_checked_from_the_header_with_the_libvips_paths_message()
    {
        _ = TestNvjpeg.Codec;
        string path = TestImages.Path("photos", "jolla.jpg");
        DecodeOptions options = new() { MaxPixels = 1_000_000 };
        CodecException expected = Assert.Throws<CodecException>(() => ImageDecoder.Decode(path, options));
        long refusedBefore = TestNvjpeg.Codec.Decoder.Refused;

        CodecException actual = await Assert.ThrowsAsync<CodecException>(() => Start(new ImageImporter(TestBackends.Cuda, options), path));

        Assert.Equal(CodecErrorKind.TooLarge, actual.Kind);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(refusedBefore, TestNvjpeg.Codec.Decoder.Refused);
    }

    [Theory]
    [InlineData(0.35)]
    [InlineData(0.7)]
    [InlineData(0.999)]
    public async Task A_truncated_photo_ends_in_libvips_error(double kept)
    {
        _ = TestNvjpeg.Codec;
        using CodecAssert.TempFolder folder = new();
        byte[] whole = File.ReadAllBytes(TestImages.Path("photos", "HMD_Nokia_8.3_5G.jpg"));
        string path = folder.File("truncated.jpg");
        File.WriteAllBytes(path, whole[..(int)(whole.Length * kept)]);
        CodecException expected = Assert.Throws<CodecException>(() => ImageDecoder.Decode(path, new DecodeOptions()));

        CodecException actual = await Assert.ThrowsAsync<CodecException>(() => Start(new ImageImporter(TestBackends.Cuda, new DecodeOptions()), path));

        Assert.Equal(expected.Kind, actual.Kind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void The_expand_kernel_writes_every_pixel_of_each_orientation_exactly(int orientation)
    {
        CudaBackend cuda = (CudaBackend)TestBackends.Cuda;
        const int width = 257;
        const int height = 131;
        long pitch = 3L * width + 5;
        byte[] rgb = RandomImages.Poison((int)(pitch * height));
        new Random(orientation).NextBytes(rgb);
        cuda.Context.MakeCurrent();
        using CudaStream stream = new(900);
        using CudaPixelBuffer scratch = cuda.AllocateOn(rgb.Length, stream);
        cuda.Upload(rgb, scratch);
        (int outWidth, int outHeight) = orientation >= 5 ? (height, width) : (width, height);
        using CudaImage image = CudaImage.Create(outWidth, outHeight, Rgba.Transparent, cuda);
        AffinePixelMap map = ExifOrientation.Map(orientation, width, height);

        cuda.ExpandRgbToRgba(scratch, pitch, image.Pixels, outWidth, outHeight, map, stream);

        byte[] expected = new byte[outWidth * outHeight * 4];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                (int sx, int sy) = map.Source(x, y);
                long from = sy * pitch + 3L * sx;
                int to = (y * outWidth + x) * 4;
                (expected[to], expected[to + 1], expected[to + 2], expected[to + 3]) = (rgb[from], rgb[from + 1], rgb[from + 2], 255);
            }
        }

        Assert.Equal(expected, image.ToArray());
    }

    internal static (DecodedImage? Image, CodecException? Error) DecodeWithLibvips(string path, DecodeOptions options)
    {
        try
        {
            return (ImageDecoder.Decode(path, options), null);
        }
        catch (CodecException error)
        {
            return (null, error);
        }
    }

    private static async Task<(PendingImage? Image, CodecException? Error)> Import(ImageImporter importer, string path)
    {
        try
        {
            return (await Start(importer, path), null);
        }
        catch (CodecException error)
        {
            return (null, error);
        }
    }

    /// <summary>One file through the importer, with a budget of its own that never makes it wait.</summary>
    private static Task<PendingImage> Start(ImageImporter importer, string path) =>
        importer.Start(path, new DecodeMemoryBudget(64L << 30).OpenLine().Enqueue(), TestContext.Current.CancellationToken);

    /// <summary>Same size and metadata; pixels within <see cref="MinimumPsnr"/> (exactly equal on the libvips path).</summary>
    private static void AssertSame(string what, DecodedImage reference, PendingImage imported)
    {
        Assert.Equal(reference.Metadata.Exif, imported.Metadata.Exif);
        Assert.Equal(reference.Metadata.Xmp, imported.Metadata.Xmp);
        Assert.Equal(reference.Metadata.Icc, imported.Metadata.Icc);
        using CudaImage? image = imported.TakeDeviceImage();
        if (image is null)
        {
            Assert.Equal((reference.Width, reference.Height), (imported.Width, imported.Height));
            Assert.Equal(reference.Pixels, imported.Pixels.ToArray());
            return;
        }

        Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
        byte[] pixels = image.ToArray();
        double psnr = TestNvjpeg.Psnr(reference.Pixels, pixels);
        TestNvjpeg.Report($"{what}: {image.Width}x{image.Height}, PSNR {psnr:0.00} dB against libvips, max difference {PixelAssert.MaxDifference(reference.Pixels, pixels)}");
        Assert.True(psnr >= MinimumPsnr, $"{what}: PSNR {psnr:0.00} dB against libvips, below {MinimumPsnr}");
        Assert.All(Enumerable.Range(0, image.Width * image.Height), i => Assert.Equal(255, pixels[4 * i + 3]));
    }

    /// <summary>A 4:2:0 JPEG of a photo-like picture whose EXIF says <paramref name="orientation"/>, written by libvips.</summary>
    private static byte[] Oriented(int orientation, int width, int height)
    {
        byte[] exif = (byte[])Image.NewFromFile(TestImages.Path("exif", "orientation", "portrait_1.jpg")).Get("exif-data");
        using Image picture = JpegTestFiles.PhotoLike(width, height, seed: orientation);
        using Image tagged = picture.Mutate(m =>
        {
            m.Set(GValue.BlobType, "exif-data", exif);
            m.Set(GValue.GIntType, "orientation", orientation);
        });
        return tagged.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.Exif);
    }
}
