using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs;

/// <summary>Damaged, truncated, unknown and undecodable files end in a clear error that names the file.</summary>
public sealed class BadFileTests
{
    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestImages.Path("bad")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Every_bad_file_is_refused_naming_the_file(string name)
    {
        var path = TestImages.Path("bad", name);

        var e = Assert.Throws<CodecException>(() => ImageDecoder.Decode(path, new DecodeOptions()));

        Assert.Contains(path, e.Message);
        Assert.Equal(path, e.Path);
        Assert.Contains(e.Kind, (CodecErrorKind[])[CodecErrorKind.Corrupt, CodecErrorKind.Unsupported]);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        Assert.DoesNotContain("unable to write to memory", e.Message);
        Assert.DoesNotContain("VipsForeignLoad", e.Message);
    }

    [Theory]
    [InlineData("xc1n0g08.png", "Invalid color type in IHDR")]
    [InlineData("xd0n2c08.png", "Invalid bit depth in IHDR")]
    [InlineData("xs1n0g01.png", "not an image format")]
    [InlineData("corrupted.jpg", "Corrupt JPEG data")]
    public void The_reason_is_what_the_decoder_found(string name, string reason)
    {
        var e = Assert.Throws<CodecException>(() => ImageDecoder.Decode(TestImages.Path("bad", name), new DecodeOptions()));

        Assert.Contains(reason, e.Reason);
    }

    /// <summary>
    /// Decision on xhdn0g08.png (PngSuite: "incorrect IHDR checksum"). libvips' PNG loader accepts it when it is
    /// lenient, which is libvips' default. PhotoFF refuses it by default: a header whose checksum fails cannot be
    /// trusted (its width, height and colour type are what the pixels are read by), and strict decoding treats a
    /// CRC error like any other damage. With Lenient it decodes, and then to PngSuite's reference pixels.
    /// </summary>
    [Fact]
    public void A_header_with_a_bad_checksum_is_refused_unless_lenient()
    {
        var path = TestImages.Path("bad", "xhdn0g08.png");

        var e = CodecAssert.Throws(CodecErrorKind.Corrupt, () => ImageDecoder.Decode(path, new DecodeOptions()));
        Assert.Contains("CRC", e.Reason);

        var image = ImageDecoder.Decode(path, new DecodeOptions { Lenient = true });
        PngSuiteTests.AssertReferencePixels("xhdn0g08", image);
    }

    [Fact]
    public void A_corrupted_jpeg_fails_strict_and_decodes_lenient_with_warnings()
    {
        var path = TestImages.Path("bad", "corrupted.jpg");
        CodecAssert.Throws(CodecErrorKind.Corrupt, () => ImageDecoder.Decode(path, new DecodeOptions()));

        var image = ImageDecoder.Decode(path, new DecodeOptions { Lenient = true });

        Assert.Equal((3648, 2736), (image.Width, image.Height));
        Assert.Contains(image.Warnings, w => w.Contains("Corrupt JPEG data", StringComparison.Ordinal));
        Assert.Contains(image.Warnings, w => w.Contains("could be decoded", StringComparison.Ordinal));
        Assert.DoesNotContain(image.Warnings, w => w.StartsWith("error in tile", StringComparison.Ordinal));

        // The top of the photo is real picture; what libvips could not decode is uniform grey.
        var top = image.Pixels.AsSpan(0, image.Stride * 64);
        Assert.True(top.ToArray().Distinct().Count() > 100);
        var last = image.Pixels.AsSpan(image.Pixels.Length - image.Stride);
        for (var i = 0; i < last.Length; i += 4)
        {
            Assert.Equal((128, 128, 128, 255), (last[i], last[i + 1], last[i + 2], last[i + 3]));
        }
    }

    [Fact]
    public void Heic_decodes_whole_with_libheif_or_is_a_missing_codec_saying_what_to_install()
    {
        var path = TestImages.Path("photos", "IMG_5195.HEIC");
        Assert.Equal(new ImageSize(2566, 3313), ImageDecoder.ReadSize(path));

        if (PhotoFF.Codecs.Heif.LibHeif.LibHeifDecoder.IsAvailable)
        {
            var image = ImageDecoder.Decode(path, new DecodeOptions());
            Assert.Equal((2566, 3313), (image.Width, image.Height));
            return;
        }

        var e = CodecAssert.Throws(CodecErrorKind.MissingCodec, () => ImageDecoder.Decode(path, new DecodeOptions()));
        Assert.Contains(path, e.Message);
        Assert.Contains("HEVC", e.Reason);
        Assert.Contains("install", e.Reason);
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        var path = TestImages.Path("photos", "no-such-photo.jpg");

        var e = CodecAssert.Throws(CodecErrorKind.NotFound, () => ImageDecoder.Decode(path, new DecodeOptions()));

        Assert.Contains(path, e.Message);
        CodecAssert.Throws(CodecErrorKind.NotFound, () => ImageDecoder.ReadSize(path));
    }

    [Fact]
    public void A_directory_is_unreadable()
    {
        CodecAssert.Throws(CodecErrorKind.Unreadable, () => ImageDecoder.Decode(TestImages.Path("photos"), new DecodeOptions()));
    }

    [Fact]
    public void Text_and_empty_data_are_unsupported()
    {
        CodecAssert.Throws(CodecErrorKind.Unsupported,
            () => ImageDecoder.Decode(TestImages.Path("README.md"), new DecodeOptions()));
        CodecAssert.Throws(CodecErrorKind.Unsupported,
            () => ImageDecoder.Decode("hello, world"u8, new DecodeOptions(), "greeting"));
        CodecAssert.Throws(CodecErrorKind.Unsupported,
            () => ImageDecoder.Decode(ReadOnlySpan<byte>.Empty, new DecodeOptions(), "nothing"));
    }

    [Fact]
    public void A_truncated_png_from_memory_fails_strict_naming_the_buffer()
    {
        var bytes = File.ReadAllBytes(TestImages.Path("pngsuite", "png", "basn6a08.png"));
        var truncated = bytes[..(bytes.Length * 2 / 3)];

        var e = Assert.Throws<CodecException>(() => ImageDecoder.Decode(truncated, new DecodeOptions(), "upload.png"));

        Assert.Equal(CodecErrorKind.Corrupt, e.Kind);
        Assert.Contains("upload.png", e.Message);
    }
}
