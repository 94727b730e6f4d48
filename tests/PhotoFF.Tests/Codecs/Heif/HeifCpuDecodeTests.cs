using PhotoFF.Codecs;
using PhotoFF.Codecs.Heif;
using PhotoFF.Codecs.Heif.LibHeif;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>
/// HEIC decoded on the host with libheif, against heif-convert's PNGs of the same files. Tolerance: 0 for 8-bit files;
/// 1 for the 10-bit one, whose 16-bit reference PNG is read by keeping the high byte where we round to nearest.
/// </summary>
public sealed class HeifCpuDecodeTests
{
    [Theory]
    [MemberData(nameof(HeifFixtures.All), MemberType = typeof(HeifFixtures))]
    public void Each_fixture_matches_heif_convert(string name, int width, int height)
    {
        HeifFixtures.RequireLibHeif();

        var image = ImageDecoder.Decode(HeifFixtures.Heic(name), new DecodeOptions());

        var reference = HeifFixtures.Reference(name);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
        Assert.Equal("heif", image.SourceFormat);
        PixelAssert.Equal(reference.Pixels, image.Pixels, width, tolerance: name == "ten-bit" ? 1 : 0, context: name);
    }

    [Fact]
    public void Alpha_comes_from_the_auxiliary_image()
    {
        HeifFixtures.RequireLibHeif();

        var image = ImageDecoder.Decode(HeifFixtures.Heic("grid-alpha"), new DecodeOptions());

        var alpha = Enumerable.Range(0, image.Width * image.Height).Select(i => image.Pixels[4 * i + 3]).ToArray();
        Assert.Equal(0, alpha[5 * image.Width + 60]);              // the transparent band on top
        Assert.True(alpha[200 * image.Width + 250] > 200);          // opaque at the right
        Assert.True(alpha.Distinct().Count() > 50, "a ramp, not a mask");
    }

    [Fact]
    public void The_iphone_photo_decodes_upright_with_its_metadata()
    {
        HeifFixtures.RequireLibHeif();
        var path = TestImages.Path("photos", "IMG_5195.HEIC");

        var image = ImageDecoder.Decode(path, new DecodeOptions());

        Assert.Equal((2566, 3313), (image.Width, image.Height));
        Assert.Equal(new ImageSize(2566, 3313), ImageDecoder.ReadSize(path));
        Assert.NotNull(image.Metadata.Exif);
        Assert.NotNull(image.Metadata.Icc);
        Assert.True(image.Pixels.Where((_, i) => i % 4 != 3).Distinct().Count() > 200, "the picture is not blank");
        for (var i = 3; i < image.Pixels.Length; i += 4)
        {
            Assert.Equal(255, image.Pixels[i]);
        }
    }

    [Fact]
    public void Bytes_in_memory_decode_like_the_file()
    {
        HeifFixtures.RequireLibHeif();
        var path = HeifFixtures.Heic("grid");

        var fromBytes = ImageDecoder.Decode(File.ReadAllBytes(path), new DecodeOptions(), "grid.heic");

        Assert.Equal(ImageDecoder.Decode(path, new DecodeOptions()).Pixels, fromBytes.Pixels);
    }

    [Fact]
    public void The_pixel_limit_refuses_before_decoding()
    {
        var e = CodecAssert.Throws(CodecErrorKind.TooLarge,
            () => ImageDecoder.Decode(TestImages.Path("photos", "IMG_5195.HEIC"), new DecodeOptions { MaxPixels = 8_000_000 }));

        Assert.Contains("2566x3313", e.Reason);
    }

    [Fact]
    public void Without_libheif_the_error_says_what_to_install()
    {
        var reason = LibHeifDecoder.Probe(["libheif-that-is-not-installed.so.1"]);

        var e = HeifCpuDecoder.MissingCodec("IMG_0001.HEIC", reason!);

        Assert.Equal(CodecErrorKind.MissingCodec, e.Kind);
        Assert.Contains("IMG_0001.HEIC", e.Message);
        Assert.Contains("libheif is not installed", e.Reason);
        Assert.Contains(OperatingSystem.IsWindows() ? "vcpkg" : "libheif-plugin-libde265", e.Reason);
        Assert.Contains("NVIDIA GPU", e.Reason);
    }

    [Theory]
    [InlineData(0, 1023, 0)]
    [InlineData(1023, 1023, 255)]
    [InlineData(2, 1023, 0)]     // 0.4985 rounds down
    [InlineData(3, 1023, 1)]     // 0.7478 rounds up
    [InlineData(514, 1023, 128)] // 128.12
    [InlineData(511, 1023, 127)] // 127.38
    public void Ten_bit_samples_round_to_nearest(int sample, int max, int expected)
    {
        Assert.Equal(expected, LibHeifDecoder.Reduce(sample, max));
    }
}
