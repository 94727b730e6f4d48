using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs;
using PhotoFF.Codecs.Heif;
using PhotoFF.Codecs.Heif.LibHeif;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>
/// HEIC decoded by NVDEC on the GPU (skipped without one; failing under PHOTOFF_REQUIRE_CUDA=1), against heif-convert's
/// PNGs: the kernel computes libheif's arithmetic, so 8-bit files must match within 1 (0 expected) and the 10-bit one
/// within 1 of its 16-bit PNG read by keeping the high byte. With libheif installed too, the iPhone photo must match the
/// CPU decode within 1 (its ICC profile goes through the same libvips transform on both).
/// </summary>
public sealed class HeifGpuDecodeTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(HeifFixtures.All), MemberType = typeof(HeifFixtures))]
    public void Each_fixture_decodes_on_the_gpu_as_heif_convert_does(string name, int width, int height)
    {
        var cuda = (CudaBackend)TestBackends.Cuda;
        var path = HeifFixtures.Heic(name);
        var file = HeifFile.TryOpen(path, path)!;
        if (!HeifGpuDecoder.CanDecode(file, cuda, out var reason))
        {
            // Only the monochrome alpha streams may be beyond a GPU's decoder; then libheif must take the file.
            Assert.True(name.Contains("alpha", StringComparison.Ordinal), $"{name} is not decoded on the GPU: {reason}");
            output.WriteLine($"{name}: {reason}; libheif's turn");
            if (LibHeifDecoder.IsAvailable)
            {
                var fallback = ImageDecoder.Decode(path, new DecodeOptions(), cuda);
                Assert.Null(fallback.DeviceImage);
                PixelAssert.Equal(HeifFixtures.Reference(name).Pixels, fallback.Pixels, width, tolerance: 0, context: name);
            }
            else
            {
                var e = Assert.Throws<CodecException>(() => ImageDecoder.Decode(path, new DecodeOptions(), cuda));
                Assert.Equal(CodecErrorKind.MissingCodec, e.Kind);
                Assert.Contains("the GPU cannot decode it", e.Reason);
            }

            return;
        }

        var decoded = ImageDecoder.Decode(path, new DecodeOptions(), cuda);

        Assert.NotNull(decoded.DeviceImage);
        using var image = decoded.DeviceImage;
        Assert.Equal((width, height), (image.Width, image.Height));
        var reference = HeifFixtures.Reference(name);
        PixelAssert.Equal(reference.Pixels, image.ToArray(), width, tolerance: 1, context: name);
    }

    [Fact]
    public void The_iphone_photo_decodes_on_the_gpu_upright_and_as_libheif_does()
    {
        var cuda = (CudaBackend)TestBackends.Cuda;
        var path = TestImages.Path("photos", "IMG_5195.HEIC");

        var decoded = ImageDecoder.Decode(path, new DecodeOptions(), cuda);

        Assert.NotNull(decoded.DeviceImage);
        using var image = decoded.DeviceImage;
        Assert.Equal((2566, 3313), (image.Width, image.Height));
        Assert.NotNull(decoded.Metadata.Exif);
        var pixels = image.ToArray();
        Assert.True(pixels.Where((_, i) => i % 4 != 3).Distinct().Count() > 200, "the picture is not blank");
        if (LibHeifDecoder.IsAvailable)
        {
            var cpu = ImageDecoder.Decode(path, new DecodeOptions());
            PixelAssert.Equal(cpu.Pixels, pixels, 2566, tolerance: 1, context: "IMG_5195 GPU against libheif");
        }
        else
        {
            output.WriteLine("libheif is not installed here: compare with bench/heic/compare_decode_heic.py (torchvision.io.decode_heic)");
        }
    }

    [Fact]
    public void Damaged_hevc_data_is_refused_on_the_gpu()
    {
        var cuda = (CudaBackend)TestBackends.Cuda;
        var bytes = File.ReadAllBytes(HeifFixtures.Heic("grid"));
        var file = HeifFile.TryOpen(bytes, "damaged.heic")!;
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(file.Image.Coded.Tiles[3].Data, out var tile));
        Assert.Same(bytes, tile.Array);

        // Every NAL unit of tile 3 becomes type 48 (unspecified), which decoders skip: the lengths still hold, so the
        // container is fine, but the tile's picture never comes out of the decoder.
        var lengthSize = file.Image.Coded.Tiles[3].Configuration.LengthSize;
        for (var at = tile.Offset; at < tile.Offset + tile.Count;)
        {
            var length = 0;
            for (var i = 0; i < lengthSize; i++)
            {
                length = (length << 8) | bytes[at + i];
            }

            bytes[at + lengthSize] = 48 << 1;
            at += lengthSize + length;
        }
        var damaged = HeifFile.TryOpen(bytes, "damaged.heic")!;

        var e = Assert.Throws<CodecException>(() => HeifGpuDecoder.Decode(damaged, cuda, new DecodeOptions()));
        Assert.Equal(CodecErrorKind.Corrupt, e.Kind);
    }

    [Fact]
    public void A_batch_decodes_on_many_threads_at_once()
    {
        var cuda = (CudaBackend)TestBackends.Cuda;
        string[] names = ["grid", "single", "grid-transformed", "ten-bit", "rotated", "limited-range", "mirrored", "flipped"];
        var expected = names.ToDictionary(n => n, n => HeifFixtures.Reference(n).Pixels);

        Parallel.ForEach(Enumerable.Range(0, 32), new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var name = names[i % names.Length];
            var decoded = ImageDecoder.Decode(HeifFixtures.Heic(name), new DecodeOptions(), cuda);
            using var image = decoded.DeviceImage!;
            PixelAssert.Equal(expected[name], image.ToArray(), image.Width, tolerance: 1, context: $"{name} #{i}");
        });
    }
}
