using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Metadata;

/// <summary>The JPEG marker reader against libvips' header-only open on real files, and on truncated and corrupted
/// headers, which must end in a <see cref="CodecException"/> and nothing else.</summary>
public sealed class JpegHeaderReaderTests
{
    public static TheoryData<string> Jpegs()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(TestImages.Path("photos"), "*.jpg").Concat(Directory.GetFiles(TestImages.Path("exif", "orientation"), "*.jpg")).Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Jpegs))]
    public void The_markers_give_what_libvips_gives(string path)
    {
        using FileStream file = File.OpenRead(path);
        JpegFileHeader header = JpegHeaderReader.Read(file, path);
        string photo = Path.GetFileName(path);
        string? folder = Path.GetFileName(Path.GetDirectoryName(path));

        ImageFileMetadata fromMarkers = MetadataReader.Read(path);
        ImageFileMetadata fromLibvips = MetadataReader.ReadWithLibvips(path);

        Assert.Equal(fromLibvips, fromMarkers);
        Assert.Equal((fromLibvips.StoredWidth, fromLibvips.StoredHeight), (header.Width, header.Height));
        if (folder == "photos")
        {
            Assert.Equal(MetadataTestFiles.Block(photo, "exif-data"), header.Exif);
            Assert.Equal(MetadataTestFiles.Block(photo, "icc-profile-data"), header.Icc);
        }
    }

    [Fact]
    public void Every_truncation_of_a_header_is_a_damaged_file()
    {
        string path = TestImages.Path("photos", "Canon_40D.jpg");
        byte[] jpeg = File.ReadAllBytes(path);
        int scan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);

        for (int length = 0; length <= scan + 3; length++)
        {
            using MemoryStream truncated = new(jpeg, 0, length);
            var e = Assert.Throws<CodecException>(() => JpegHeaderReader.Read(truncated, path));
            Assert.Equal(CodecErrorKind.Corrupt, e.Kind);
        }
    }

    [Fact]
    public void Random_corruptions_of_headers_are_read_or_refused_cleanly()
    {
        Random random = new(42);
        byte[][] headers = [.. MetadataTestFiles.Photos.Where(p => p.EndsWith(".jpg", StringComparison.Ordinal))
            .Select(p => File.ReadAllBytes(TestImages.Path("photos", p)))
            .Select(bytes => bytes[..Math.Min(bytes.Length, 64 * 1024)])];
        int refused = 0;
        for (int round = 0; round < 5000; round++)
        {
            byte[] header = (byte[])headers[round % headers.Length].Clone();
            for (int flips = 1 + random.Next(6); flips > 0; flips--)
            {
                header[random.Next(Math.Min(header.Length, 4096))] = (byte)random.Next(256);
            }

            using MemoryStream stream = new(header);
            try
            {
                JpegFileHeader read = JpegHeaderReader.Read(stream, "fuzzed.jpg");
                Assert.True(read.Width > 0 && read.Height > 0);
            }
            catch (CodecException e)
            {
                Assert.Equal(CodecErrorKind.Corrupt, e.Kind);
                refused++;
            }
        }

        Assert.InRange(refused, 1, 4999);
    }

    [Fact]
    public void An_icc_profile_with_a_missing_chunk_is_left_out()
    {
        byte[] jpeg = File.ReadAllBytes(TestImages.Path("photos", "Canon_40D.jpg"));
        int icc = jpeg.AsSpan().IndexOf("ICC_PROFILE\0"u8);
        jpeg[icc + 13] = 2; // chunk 1 of 2, and there is no chunk 2

        using MemoryStream stream = new(jpeg);
        JpegFileHeader header = JpegHeaderReader.Read(stream, "one-chunk-missing.jpg");

        Assert.Null(header.Icc);
        Assert.NotNull(header.Exif);
    }
}
