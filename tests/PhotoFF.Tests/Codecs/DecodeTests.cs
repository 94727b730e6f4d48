using System.Buffers.Binary;
using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

using PhotoFF.Imaging;

namespace PhotoFF.Tests.Codecs;

/// <summary>Real photos: formats, orientation, colour, the pixel limit, buffers and streams, threads.</summary>
public sealed class DecodeTests
{
    [Theory]
    [InlineData("Canon_40D.jpg", 100, 68)]
    [InlineData("HMD_Nokia_8.3_5G.jpg", 4608, 1976)]
    [InlineData("iphone_hdr_YES.jpg", 3264, 2448)]
    [InlineData("jolla.jpg", 3264, 2448)]
    public void Photos_decode_to_their_oriented_size(string name, int width, int height)
    {
        var path = TestImages.Path("photos", name);

        var image = ImageDecoder.Decode(path, new DecodeOptions());

        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(new ImageSize(width, height), ImageDecoder.ReadSize(path));
        Assert.Equal(4L * width * height, image.Pixels.LongLength);
        Assert.Equal("jpeg", image.SourceFormat);
        Assert.Equal(path, image.SourcePath);
        Assert.Empty(image.Warnings);
        Assert.NotNull(image.Metadata.Exif);
        Assert.All(Enumerable.Range(0, width * height), i => Assert.Equal(255, image.Pixels[4 * i + 3]));
    }

    [Fact]
    public void A_four_channel_lzw_tiff_decodes_with_its_alpha()
    {
        var image = ImageDecoder.Decode(TestImages.Path("photos", "BSG1.tiff"), new DecodeOptions());

        Assert.Equal((635, 348), (image.Width, image.Height));
        Assert.Equal("tiff", image.SourceFormat);
        Assert.NotNull(image.Metadata.Icc);
        Assert.True(image.Pixels.Where((_, i) => i % 4 != 3).Distinct().Count() > 50, "the picture is not blank");
    }

    public static TheoryData<string, int> OrientedFiles()
    {
        var data = new TheoryData<string, int>();
        foreach (var set in new[] { "landscape", "portrait" })
        {
            for (var orientation = 2; orientation <= 8; orientation++)
            {
                data.Add(set, orientation);
            }
        }

        return data;
    }

    /// <summary>
    /// exif/orientation holds one photo saved with each EXIF orientation: upright, they all look alike. Files 2-8
    /// also carry Apple's "Generic RGB" profile (gamma 1.8) that file 1 lacks, so they match it only after the
    /// conversion to sRGB, within JPEG's and that conversion's rounding: about 5 per colour channel on average,
    /// against 14 without the conversion and far more for a wrongly turned picture.
    /// </summary>
    [Theory]
    [MemberData(nameof(OrientedFiles))]
    public void Every_exif_orientation_decodes_upright(string set, int orientation)
    {
        var reference = ImageDecoder.Decode(TestImages.Path("exif", "orientation", $"{set}_1.jpg"), new DecodeOptions());
        var path = TestImages.Path("exif", "orientation", $"{set}_{orientation}.jpg");

        var image = ImageDecoder.Decode(path, new DecodeOptions());

        Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
        Assert.Equal(new ImageSize(reference.Width, reference.Height), ImageDecoder.ReadSize(path));
        var difference = MeanColourDifference(reference.Pixels, image.Pixels);
        Assert.True(difference < 6, $"{set}_{orientation}: mean difference {difference:0.00} from {set}_1");
        var mirrored = MeanColourDifference(Mirror(reference.Pixels, reference.Width), image.Pixels);
        Assert.True(mirrored > 3 * difference, $"{set}_{orientation}: the mirror image is as close ({mirrored:0.00})");
    }

    private static double MeanColourDifference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (i % 4 != 3)
            {
                sum += Math.Abs(a[i] - b[i]);
            }
        }

        return sum / (a.Length * 0.75);
    }

    private static byte[] Mirror(byte[] rgba, int width)
    {
        var mirrored = new byte[rgba.Length];
        var height = rgba.Length / 4 / width;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Array.Copy(rgba, (y * width + x) * 4, mirrored, (y * width + width - 1 - x) * 4, 4);
            }
        }

        return mirrored;
    }

    [Fact]
    public void Without_auto_orientation_the_stored_pixels_come_out()
    {
        var path = TestImages.Path("exif", "orientation", "landscape_6.jpg");

        var stored = ImageDecoder.Decode(path, new DecodeOptions { AutoOrient = false });
        var upright = ImageDecoder.Decode(path, new DecodeOptions());

        Assert.Equal((450, 600), (stored.Width, stored.Height));
        Assert.Equal((600, 450), (upright.Width, upright.Height));
    }

    [Fact]
    public void An_image_above_the_pixel_limit_is_refused_naming_size_and_limit()
    {
        var path = TestImages.Path("photos", "Canon_40D.jpg");

        var e = CodecAssert.Throws(CodecErrorKind.TooLarge,
            () => ImageDecoder.Decode(path, new DecodeOptions { MaxPixels = 100 * 68 - 1 }));

        Assert.Contains(path, e.Message);
        Assert.Contains("100x68", e.Reason);
        Assert.Contains("6799", e.Reason);
        Assert.Equal(100, ImageDecoder.Decode(path, new DecodeOptions { MaxPixels = 100 * 68 }).Width);
    }

    /// <summary>
    /// A decompression bomb: a PNG whose header claims 30000 x 30000 (900 megapixels, 3.6 GB of RGBA) but whose
    /// data is one pixel. It is refused as too large from the header alone: decoding its pixels would have
    /// failed as corrupt instead, and allocating them would have taken gigabytes.
    /// </summary>
    [Fact]
    public void The_pixel_limit_is_checked_from_the_header_before_any_pixel_is_decoded()
    {
        var bomb = PngWithClaimedSize(30000, 30000);

        var e = CodecAssert.Throws(CodecErrorKind.TooLarge, () => ImageDecoder.Decode(bomb, new DecodeOptions(), "bomb.png"));

        Assert.Contains("30000x30000", e.Reason);
        Assert.Contains(DecodeOptions.DefaultMaxPixels.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Reason);
        Assert.Equal(268_435_456, new DecodeOptions().MaxPixels);
    }

    [Fact]
    public void Buffers_and_streams_decode_like_files()
    {
        var path = TestImages.Path("pngsuite", "png", "basn6a08.png");
        var fromFile = ImageDecoder.Decode(path, new DecodeOptions());
        var bytes = File.ReadAllBytes(path);

        var fromBuffer = ImageDecoder.Decode(bytes, new DecodeOptions(), "buffer.png");
        using var stream = new NonSeekableStream(bytes);
        var fromStream = ImageDecoder.Decode(stream, new DecodeOptions(), "stream.png");

        Assert.Equal(fromFile.Pixels, fromBuffer.Pixels);
        Assert.Equal(fromFile.Pixels, fromStream.Pixels);
        Assert.Equal("png", fromBuffer.SourceFormat);
        Assert.Equal("stream.png", fromStream.SourcePath);
    }

    [Fact]
    public void Metadata_blobs_are_kept_aside()
    {
        var canon = ImageDecoder.Decode(TestImages.Path("photos", "Canon_40D.jpg"), new DecodeOptions());
        var jolla = ImageDecoder.Decode(TestImages.Path("photos", "jolla.jpg"), new DecodeOptions());
        var png = ImageDecoder.Decode(TestImages.Path("pngsuite", "png", "basn2c08.png"), new DecodeOptions());

        Assert.Equal("Exif\0\0"u8.ToArray(), canon.Metadata.Exif![..6]);
        Assert.NotNull(canon.Metadata.Icc);
        Assert.Contains("x:xmpmeta"u8.ToArray(), Windows(jolla.Metadata.Xmp!, 9));
        Assert.True(png.Metadata.IsEmpty);
        Assert.Same(ImageMetadata.None, png.Metadata);
    }

    /// <summary>
    /// Decoders run on many threads at once; each call gets its own pixels and its own warnings, never those of
    /// a damaged file decoding next to it.
    /// </summary>
    [Fact]
    public void Concurrent_decodes_keep_their_pixels_and_warnings_apart()
    {
        string[] files =
        [
            TestImages.Path("bad", "corrupted.jpg"),
            TestImages.Path("photos", "Canon_40D.jpg"),
            TestImages.Path("exif", "orientation", "portrait_7.jpg"),
            TestImages.Path("pngsuite", "png", "ch1n3p04.png"),
            TestImages.Path("pngsuite", "png", "basi6a16.png"),
            TestImages.Path("photos", "BSG1.tiff"),
        ];
        // Damaged PNGs that fail even leniently, decoding beside the rest: their reasons go through libvips' one error
        // buffer, where the JPEG's partial decode reads its own.
        string[] failing = [TestImages.Path("bad", "xc1n0g08.png"), TestImages.Path("bad", "xd0n2c08.png")];
        var options = new DecodeOptions { Lenient = true };
        var expected = files.Select(f => ImageDecoder.Decode(f, options)).ToArray();
        var expectedFailures = failing.Select(f => Assert.Throws<CodecException>(() => ImageDecoder.Decode(f, options)).Reason).ToArray();

        var results = new DecodedImage[files.Length * 8];
        var failures = new string?[failing.Length * 8];
        Parallel.For(0, results.Length + failures.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i < results.Length)
            {
                results[i] = ImageDecoder.Decode(files[i % files.Length], options);
                return;
            }

            int f = i - results.Length;
            try
            {
                ImageDecoder.Decode(failing[f % failing.Length], options);
            }
            catch (CodecException e)
            {
                failures[f] = e.Reason;
            }
        });

        for (var f = 0; f < failures.Length; f++)
        {
            Assert.Equal(expectedFailures[f % failing.Length], failures[f]);
        }

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % files.Length].Pixels, results[i].Pixels);
            switch (i % files.Length)
            {
                case 0:
                    // The partial decode's warnings, as decoded alone: none of another file's damage.
                    Assert.Contains(results[i].Warnings, w => w.StartsWith("only rows 0-", StringComparison.Ordinal));
                    Assert.Equal(expected[0].Warnings.Order(StringComparer.Ordinal), results[i].Warnings.Order(StringComparer.Ordinal));
                    break;
                case 3:
                    Assert.Equal(["hIST: out of place"], results[i].Warnings);
                    break;
                default:
                    Assert.Empty(results[i].Warnings);
                    break;
            }
        }
    }

    private static IEnumerable<byte[]> Windows(byte[] bytes, int size)
    {
        for (var i = 0; i + size <= bytes.Length; i++)
        {
            yield return bytes[i..(i + size)];
        }
    }

    private static byte[] PngWithClaimedSize(int width, int height)
    {
        var png = ImageEncoder.Encode(new byte[4], 1, 1, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Png });

        // The IHDR chunk follows the 8-byte signature: length, "IHDR", width, height, ..., CRC over type and data.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override bool TryGetBuffer(out ArraySegment<byte> buffer)
        {
            buffer = default;
            return false;
        }
    }
}
