using System.Buffers.Binary;
using NetVips;
using PhotoFF.Codecs;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Jpeg;

/// <summary>
/// The CPU's reading of a JPEG: on real files it finds what libvips finds (size, EXIF, XMP, ICC, orientation); a stream
/// is called clean only in the one-scan sequential shape, and every kind of damage a byte scan can see makes it unclean
/// (so that it goes to libvips, whose verdict is the reference).
/// </summary>
public sealed class JpegParserTests
{
    public static TheoryData<string> Files() => JpegTestFiles.All();

    [Theory]
    [MemberData(nameof(Files))]
    public void On_every_test_jpeg_the_header_and_metadata_are_what_libvips_reads(string key)
    {
        string path = JpegTestFiles.PathOf(key);
        JpegParseResult parsed = JpegParser.Parse(File.ReadAllBytes(path));
        if (key == "bad/corrupted.jpg")
        {
            // A second SOI and tables in the middle of its scan: named, and left to libvips.
            Assert.Null(parsed.Header);
            Assert.Contains("marker", parsed.Problem, StringComparison.Ordinal);
            return;
        }

        JpegHeader header = parsed.Header ?? throw new Xunit.Sdk.XunitException($"{key}: {parsed.Problem}");
        using Image image = Image.NewFromFile(path);
        Assert.Equal((image.Width, image.Height), (header.Width, header.Height));
        Assert.Equal(Blob(image, "exif-data"), header.Exif);
        Assert.Equal(Blob(image, "xmp-data"), header.Xmp);
        Assert.Equal(Blob(image, "icc-profile-data"), header.Icc);
        Assert.Equal(image.Contains("orientation") ? (int)image.Get("orientation") : 1, header.Orientation);
        Assert.Equal(ImageDecoder.ReadSize(path), header.OrientedSize);
    }

    [Theory]
    [InlineData(1, 90, 0)]
    [InlineData(3, 90, 0)]
    [InlineData(3, 75, 0)]
    [InlineData(3, 75, 1)]
    [InlineData(3, 90, 7)]
    [InlineData(1, 50, 3)]
    public void Streams_libvips_writes_are_clean(int bands, int quality, int restartInterval)
    {
        byte[] stream = JpegTestFiles.Encode(97, 61, seed: bands * quality + restartInterval, bands, quality, restartInterval: restartInterval);

        JpegParseResult parsed = JpegParser.Parse(stream);

        JpegHeader header = parsed.Header ?? throw new Xunit.Sdk.XunitException(parsed.Problem);
        Assert.Equal((97, 61, bands), (header.Width, header.Height, header.Components.Count));
        Assert.Equal(restartInterval, header.RestartInterval);
        Assert.Equal(1, header.Orientation);
        Assert.True(header.Metadata.IsEmpty);
    }

    [Fact]
    public void Fill_bytes_before_markers_and_data_after_EOI_are_allowed_as_libjpeg_allows_them()
    {
        byte[] stream = JpegTestFiles.Encode(40, 24, seed: 3);
        int dqt = IndexOfMarker(stream, JpegMarker.DefineQuantizationTables);
        byte[] padded = [.. stream[..dqt], 0xFF, 0xFF, 0xFF, .. stream[dqt..], .. "trailer after the image"u8];

        Assert.NotNull(JpegParser.Parse(padded).Header);
    }

    [Fact]
    public void A_progressive_stream_is_left_to_libvips()
    {
        JpegParseResult parsed = JpegParser.Parse(JpegTestFiles.Encode(64, 48, seed: 5, progressive: true));

        Assert.Null(parsed.Header);
        Assert.Contains("progressive", parsed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cmyk_stream_is_left_to_libvips()
    {
        using Image rgb = JpegTestFiles.PhotoLike(32, 32, seed: 9);
        using Image cmyk = rgb.Colourspace(Enums.Interpretation.Cmyk);
        JpegParseResult parsed = JpegParser.Parse(cmyk.JpegsaveBuffer(keep: Enums.ForeignKeep.None));

        Assert.Null(parsed.Header);
        Assert.Contains("4 colour components", parsed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_is_unclean()
    {
        byte[] stream = JpegTestFiles.Encode(48, 40, seed: 11, restartInterval: 2);
        for (int length = 0; length < stream.Length; length += Math.Max(1, length / 7))
        {
            Assert.True(JpegParser.Parse(stream[..length]).Header is null, $"cut at {length} of {stream.Length}");
        }

        Assert.Null(JpegParser.Parse(stream[..^1]).Header);
        Assert.Null(JpegParser.Parse(stream[..^2]).Header);
    }

    [Fact]
    public void A_second_SOI_inside_the_scan_is_unclean()
    {
        byte[] stream = JpegTestFiles.Encode(48, 40, seed: 13);
        int middle = ScanStart(stream) + 40;

        JpegParseResult parsed = JpegParser.Parse([.. stream[..middle], 0xFF, 0xD8, .. stream[middle..]]);

        Assert.Null(parsed.Header);
        Assert.Contains("SOI marker", parsed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_inside_the_scan_are_unclean()
    {
        byte[] stream = JpegTestFiles.Encode(48, 40, seed: 15);
        int dqt = IndexOfMarker(stream, JpegMarker.DefineQuantizationTables);
        int length = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(dqt + 2));
        int middle = ScanStart(stream) + 30;

        Assert.Null(JpegParser.Parse([.. stream[..middle], .. stream.AsSpan(dqt, 2 + length), .. stream[middle..]]).Header);
    }

    [Fact]
    public void Restart_markers_out_of_sequence_missing_or_extra_are_unclean()
    {
        byte[] stream = JpegTestFiles.Encode(96, 64, seed: 17, restartInterval: 1);
        List<int> restarts = RestartMarkers(stream);
        Assert.True(restarts.Count >= 3, "the stream has restart markers");
        Assert.NotNull(JpegParser.Parse(stream).Header);

        byte[] swapped = (byte[])stream.Clone();
        (swapped[restarts[1] + 1], swapped[restarts[2] + 1]) = (swapped[restarts[2] + 1], swapped[restarts[1] + 1]);
        Assert.Contains("where RST", JpegParser.Parse(swapped).Problem, StringComparison.Ordinal);

        byte[] missing = [.. stream[..restarts[1]], .. stream[(restarts[1] + 2)..]];
        Assert.Null(JpegParser.Parse(missing).Header);

        int last = restarts[^1];
        byte next = (byte)(JpegMarker.Restart0 + restarts.Count % 8);
        byte[] extra = [.. stream[..(last + 2)], 0xFF, next, .. stream[(last + 2)..]];
        Assert.Null(JpegParser.Parse(extra).Header);
    }

    [Fact]
    public void Garbage_between_segments_and_impossible_lengths_are_unclean()
    {
        byte[] stream = JpegTestFiles.Encode(40, 24, seed: 19);
        int dqt = IndexOfMarker(stream, JpegMarker.DefineQuantizationTables);
        Assert.Contains("garbage", JpegParser.Parse([.. stream[..dqt], 0x12, .. stream[dqt..]]).Problem, StringComparison.Ordinal);

        byte[] longSegment = (byte[])stream.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(longSegment.AsSpan(dqt + 2), 0xFFF0);
        Assert.Null(JpegParser.Parse(longSegment).Header);

        byte[] shortSegment = (byte[])stream.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(shortSegment.AsSpan(dqt + 2), 1);
        Assert.Null(JpegParser.Parse(shortSegment).Header);
    }

    [Fact]
    public void A_huffman_table_libjpeg_would_refuse_is_unclean()
    {
        byte[] stream = JpegTestFiles.Encode(40, 24, seed: 21);
        int dht = IndexOfMarker(stream, JpegMarker.DefineHuffmanTables);

        // Three 1-bit codes cannot exist.
        byte[] overfull = (byte[])stream.Clone();
        overfull[dht + 5] = 3;
        Assert.Null(JpegParser.Parse(overfull).Header);

        // Table slot 5 does not exist.
        byte[] slot = (byte[])stream.Clone();
        slot[dht + 4] = (byte)((slot[dht + 4] & 0xF0) | 5);
        Assert.Null(JpegParser.Parse(slot).Header);
    }

    [Fact]
    public void A_scan_with_progressive_parameters_in_a_baseline_frame_is_unclean()
    {
        byte[] stream = JpegTestFiles.Encode(40, 24, seed: 23);
        int sos = IndexOfMarker(stream, JpegMarker.StartOfScan);
        int length = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(sos + 2));
        byte[] changed = (byte[])stream.Clone();
        changed[sos + 2 + length - 2] = 62; // Se

        Assert.Contains("progressive parameters", JpegParser.Parse(changed).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_jpeg_is_named_as_such()
    {
        Assert.Contains("not a JPEG", JpegParser.Parse(File.ReadAllBytes(TestImages.Path("pngsuite", "png", "basn2c08.png"))).Problem, StringComparison.Ordinal);
        Assert.Null(JpegParser.Parse([]).Header);
        Assert.Null(JpegParser.Parse([0xFF, 0xD8]).Header);
    }

    private static byte[]? Blob(Image image, string field) =>
        image.Contains(field) && image.Get(field) is byte[] { Length: > 0 } bytes ? bytes : null;

    /// <summary>The offset of the first segment with <paramref name="marker"/>, walking the segments from the SOI.</summary>
    internal static int IndexOfMarker(byte[] stream, byte marker)
    {
        int position = 2;
        while (stream[position + 1] != marker)
        {
            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(position + 2));
        }

        return position;
    }

    /// <summary>Where the entropy-coded data of the (first) scan starts.</summary>
    internal static int ScanStart(byte[] stream)
    {
        int sos = IndexOfMarker(stream, JpegMarker.StartOfScan);
        return sos + 2 + BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(sos + 2));
    }

    private static List<int> RestartMarkers(byte[] stream)
    {
        List<int> found = [];
        for (int i = ScanStart(stream); i + 1 < stream.Length; i++)
        {
            if (stream[i] == 0xFF && JpegMarker.IsRestart(stream[i + 1]))
            {
                found.Add(i);
            }
        }

        return found;
    }
}
