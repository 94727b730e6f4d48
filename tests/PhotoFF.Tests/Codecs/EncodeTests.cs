using NetVips;
using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

using PhotoFF.Imaging;

namespace PhotoFF.Tests.Codecs;

/// <summary>Every output format round-trips; lossless ones exactly, lossy ones closely.</summary>
public sealed class EncodeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(127, 61)]
    [InlineData(300, 200)]
    public void Png_round_trips_exactly_with_alpha(int width, int height)
    {
        var pixels = RandomImages.Rgba(width, height, seed: width * 31 + height);

        var png = ImageEncoder.Encode(pixels, width, height, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Png });
        var decoded = ImageDecoder.Decode(png, new DecodeOptions());

        Assert.Equal("png", decoded.SourceFormat);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        PixelAssert.Equal(pixels, decoded.Pixels, width);
    }

    [Theory]
    [InlineData(ImageFormat.Tiff, null)]
    [InlineData(ImageFormat.Webp, 100)]
    public void Lossless_formats_round_trip_exactly(ImageFormat format, int? quality)
    {
        var pixels = RandomImages.Rgba(97, 45, seed: 5);

        var bytes = ImageEncoder.Encode(pixels, 97, 45, ImageMetadata.None, new EncodeOptions { Format = format, Quality = quality });
        var decoded = ImageDecoder.Decode(bytes, new DecodeOptions());

        PixelAssert.Equal(pixels, decoded.Pixels, 97);
    }

    [Theory]
    [InlineData(ImageFormat.Jpeg, "jpeg", 3.0)]
    [InlineData(ImageFormat.Webp, "webp", 3.0)]
    [InlineData(ImageFormat.Avif, "heif", 4.0)]
    [InlineData(ImageFormat.Gif, "gif", 6.0)]
    [InlineData(ImageFormat.Tiff, "tiff", 0.0)]
    [InlineData(ImageFormat.Png, "png", 0.0)]
    public void Every_format_round_trips_to_the_same_size_with_small_error(ImageFormat format, string loader, double maxMean)
    {
        const int width = 161;
        const int height = 97;
        var pixels = SmoothOpaque(width, height, seed: (int)format);

        var bytes = ImageEncoder.Encode(pixels, width, height, ImageMetadata.None, new EncodeOptions { Format = format });
        var decoded = ImageDecoder.Decode(bytes, new DecodeOptions());

        Assert.Equal(loader, decoded.SourceFormat);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        var difference = CodecAssert.MeanAbsoluteDifference(pixels, decoded.Pixels);
        Assert.True(difference <= maxMean, $"{format}: mean difference {difference:0.00} > {maxMean}");
    }

    [Fact]
    public void Jpeg_quality_trades_size_for_fidelity()
    {
        var pixels = SmoothOpaque(256, 256, seed: 11);

        var low = ImageEncoder.Encode(pixels, 256, 256, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Jpeg, Quality = 20 });
        var standard = ImageEncoder.Encode(pixels, 256, 256, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Jpeg });
        var high = ImageEncoder.Encode(pixels, 256, 256, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Jpeg, Quality = 100 });

        Assert.True(low.Length < standard.Length && standard.Length < high.Length, $"{low.Length} < {standard.Length} < {high.Length}");
        var lowError = CodecAssert.MeanAbsoluteDifference(pixels, ImageDecoder.Decode(low, new DecodeOptions()).Pixels);
        var highError = CodecAssert.MeanAbsoluteDifference(pixels, ImageDecoder.Decode(high, new DecodeOptions()).Pixels);
        Assert.True(highError < lowError, $"{highError:0.00} < {lowError:0.00}");
        Assert.Equal(90, ImageEncoder.DefaultQuality(ImageFormat.Jpeg));
    }

    /// <summary>JPEG has no alpha: transparency is flattened onto white, as a viewer shows it.</summary>
    [Fact]
    public void Jpeg_flattens_transparency_onto_white()
    {
        var pixels = new byte[64 * 64 * 4];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var opaque = i / 4 % 64 < 32;
            (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = opaque ? ((byte)200, (byte)20, (byte)20, (byte)255) : ((byte)0, (byte)0, (byte)0, (byte)0);
        }

        var jpeg = ImageEncoder.Encode(pixels, 64, 64, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Jpeg });
        var decoded = ImageDecoder.Decode(jpeg, new DecodeOptions());

        var right = (32 * 64 + 60) * 4;
        var left = (32 * 64 + 4) * 4;
        Assert.All(decoded.Pixels[right..(right + 3)], v => Assert.InRange(v, 250, 255));
        Assert.InRange(decoded.Pixels[left], 190, 210);
        Assert.Equal(255, decoded.Pixels[right + 3]);
    }

    [Theory]
    [InlineData("photo.jpg", ImageFormat.Jpeg)]
    [InlineData("photo.JPEG", ImageFormat.Jpeg)]
    [InlineData("photo.jpe", ImageFormat.Jpeg)]
    [InlineData("a/b.c/photo.Png", ImageFormat.Png)]
    [InlineData("photo.webp", ImageFormat.Webp)]
    [InlineData("photo.tif", ImageFormat.Tiff)]
    [InlineData("photo.TIFF", ImageFormat.Tiff)]
    [InlineData("photo.avif", ImageFormat.Avif)]
    [InlineData("photo.gif", ImageFormat.Gif)]
    public void The_format_follows_the_extension(string path, ImageFormat expected)
    {
        Assert.True(ImageEncoder.TryFormatFromExtension(path, out var format));
        Assert.Equal(expected, format);
        Assert.True(ImageEncoder.TryFormatFromExtension("x" + ImageEncoder.DefaultExtension(format), out var again));
        Assert.Equal(format, again);
    }

    [Theory]
    [InlineData("photo.bmp")]
    [InlineData("photo")]
    [InlineData("photo.heic")]
    [InlineData("")]
    public void Unknown_extensions_name_no_format(string path)
    {
        Assert.False(ImageEncoder.TryFormatFromExtension(path, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Quality_outside_1_to_100_is_refused(int quality)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.Encode(new byte[4], 1, 1, ImageMetadata.None,
            new EncodeOptions { Format = ImageFormat.Jpeg, Quality = quality }));
    }

    [Fact]
    public void Pixels_that_do_not_match_the_size_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageEncoder.Encode(new byte[15], 2, 2, ImageMetadata.None, new EncodeOptions()));
    }

    /// <summary>By default nothing but pixels leaves: no EXIF (camera, GPS), no XMP, no ICC.</summary>
    [Theory]
    [InlineData(ImageFormat.Jpeg)]
    [InlineData(ImageFormat.Png)]
    [InlineData(ImageFormat.Webp)]
    [InlineData(ImageFormat.Tiff)]
    [InlineData(ImageFormat.Avif)]
    public void Metadata_is_stripped_by_default(ImageFormat format)
    {
        var source = ImageDecoder.Decode(TestImages.Path("photos", "Canon_40D.jpg"), new DecodeOptions());
        Assert.NotNull(source.Metadata.Exif);

        var bytes = ImageEncoder.Encode(source.Pixels, source.Width, source.Height, source.Metadata, new EncodeOptions { Format = format });

        using var written = Image.NewFromBuffer(bytes);
        var fields = written.GetFields();
        Assert.DoesNotContain("exif-data", fields);
        Assert.DoesNotContain("xmp-data", fields);
        Assert.DoesNotContain("icc-profile-data", fields);
        Assert.DoesNotContain(fields, f => f.StartsWith("exif-ifd3-", StringComparison.Ordinal));
        Assert.True(ImageDecoder.Decode(bytes, new DecodeOptions()).Metadata.IsEmpty);
    }

    [Fact]
    public void Kept_exif_survives_with_orientation_1()
    {
        var source = ImageDecoder.Decode(TestImages.Path("photos", "HMD_Nokia_8.3_5G.jpg"), new DecodeOptions());

        var bytes = ImageEncoder.Encode(source.Pixels, source.Width, source.Height, source.Metadata,
            new EncodeOptions { Format = ImageFormat.Jpeg, KeepMetadata = true });

        using var written = Image.NewFromBuffer(bytes);
        Assert.StartsWith("HMD Global", (string)written.Get("exif-ifd0-Make"));
        Assert.StartsWith("Nokia 8.3 5G", (string)written.Get("exif-ifd0-Model"));
        Assert.Equal(1, (int)written.Get("orientation"));
    }

    /// <summary>
    /// A photo stored sideways (orientation 6) decodes upright; written with its EXIF, the EXIF must say 1, or
    /// every viewer would turn the already upright pixels a second time.
    /// </summary>
    [Theory]
    [InlineData(ImageFormat.Jpeg)]
    [InlineData(ImageFormat.Png)]
    [InlineData(ImageFormat.Webp)]
    public void Kept_exif_of_a_rotated_photo_says_orientation_1(ImageFormat format)
    {
        var source = ImageDecoder.Decode(TestImages.Path("exif", "orientation", "landscape_6.jpg"), new DecodeOptions());

        var bytes = ImageEncoder.Encode(source.Pixels, source.Width, source.Height, source.Metadata,
            new EncodeOptions { Format = format, KeepMetadata = true });

        using var written = Image.NewFromBuffer(bytes);
        Assert.Contains("exif-data", written.GetFields());
        Assert.Equal(1, (int)written.Get("orientation"));
        var again = ImageDecoder.Decode(bytes, new DecodeOptions());
        Assert.Equal((600, 450), (again.Width, again.Height));
        Assert.True(CodecAssert.MeanAbsoluteDifference(source.Pixels, again.Pixels) < 3);
    }

    [Fact]
    public void Kept_xmp_survives()
    {
        var source = ImageDecoder.Decode(TestImages.Path("photos", "jolla.jpg"), new DecodeOptions());
        Assert.NotNull(source.Metadata.Xmp);

        var bytes = ImageEncoder.Encode(source.Pixels, source.Width, source.Height, source.Metadata,
            new EncodeOptions { Format = ImageFormat.Png, KeepMetadata = true });

        Assert.NotNull(ImageDecoder.Decode(bytes, new DecodeOptions()).Metadata.Xmp);
    }

    /// <summary>
    /// Pixels leave as sRGB. A kept sRGB profile describes them and goes out; any other profile (a camera's
    /// Adobe RGB, a phone's Display P3) would make viewers misread them, so it is dropped.
    /// </summary>
    [Fact]
    public void Only_an_srgb_icc_profile_is_kept()
    {
        var pixels = SmoothOpaque(16, 16, seed: 3);
        var srgb = SrgbProfile();
        var other = ImageDecoder.Decode(TestImages.Path("photos", "BSG1.tiff"), new DecodeOptions()).Metadata.Icc!;
        Assert.True(ColourManagement.IsSrgbProfile(srgb));
        Assert.False(ColourManagement.IsSrgbProfile(other));

        var keep = new EncodeOptions { Format = ImageFormat.Png, KeepMetadata = true };
        var withSrgb = ImageDecoder.Decode(ImageEncoder.Encode(pixels, 16, 16, new ImageMetadata(null, null, srgb), keep), new DecodeOptions());
        var withOther = ImageDecoder.Decode(ImageEncoder.Encode(pixels, 16, 16, new ImageMetadata(null, null, other), keep), new DecodeOptions());

        Assert.Equal(srgb, withSrgb.Metadata.Icc);
        Assert.Null(withOther.Metadata.Icc);
    }

    [Fact]
    public void Encoding_is_thread_safe()
    {
        var inputs = Enumerable.Range(0, 6).Select(i => RandomImages.Rgba(50 + i, 40, seed: i)).ToArray();
        var formats = Enum.GetValues<ImageFormat>();
        var expected = inputs.SelectMany(p => formats.Select(f => ImageEncoder.Encode(p, p.Length / 160, 40, ImageMetadata.None, new EncodeOptions { Format = f }))).ToArray();

        var results = new byte[expected.Length][];
        Parallel.For(0, results.Length, i =>
        {
            var p = inputs[i / formats.Length];
            results[i] = ImageEncoder.Encode(p, p.Length / 160, 40, ImageMetadata.None, new EncodeOptions { Format = formats[i % formats.Length] });
        });

        for (var i = 0; i < results.Length; i++)
        {
            var a = ImageDecoder.Decode(expected[i], new DecodeOptions());
            var b = ImageDecoder.Decode(results[i], new DecodeOptions());
            Assert.Equal(a.Pixels, b.Pixels);
        }
    }

    /// <summary>Random smooth colour fields plus a little noise: photo-like, so lossy codecs behave as on photos.</summary>
    internal static byte[] SmoothOpaque(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 4];
        var phases = Enumerable.Range(0, 9).Select(_ => random.NextDouble() * Math.PI * 2).ToArray();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 4;
                for (var c = 0; c < 3; c++)
                {
                    var v = 128 + 90 * Math.Sin(x / 23.0 + phases[c]) * Math.Cos(y / 17.0 + phases[c + 3]) + 20 * Math.Sin((x + y) / 11.0 + phases[c + 6]);
                    pixels[i + c] = (byte)Math.Clamp(v + random.Next(-3, 4), 0, 255);
                }

                pixels[i + 3] = 255;
            }
        }

        return pixels;
    }

    private static byte[] SrgbProfile()
    {
        // libvips' built-in sRGB profile, attached by an ICC transform to sRGB.
        using var image = Image.Black(1, 1, bands: 3).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var profiled = image.IccTransform("srgb", inputProfile: "srgb");
        return (byte[])profiled.Get("icc-profile-data");
    }
}
