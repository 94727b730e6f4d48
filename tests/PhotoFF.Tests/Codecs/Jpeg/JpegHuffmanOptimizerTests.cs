using NetVips;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Jpeg;

/// <summary>
/// Recoding what libvips writes with libjpeg's standard Huffman tables gives, byte for byte, what libvips writes with
/// optimize_coding; streams of other kinds are declined, and no stream makes the recoder throw.
/// </summary>
public sealed class JpegHuffmanOptimizerTests
{
    public static TheoryData<int, int, int, int, Enums.ForeignSubsample> Streams => new()
    {
        { 1, 1, 90, 3, Enums.ForeignSubsample.Auto },
        { 7, 13, 50, 3, Enums.ForeignSubsample.Auto },      // 4:2:0: MCUs of four luma blocks, edges padded
        { 17, 9, 90, 1, Enums.ForeignSubsample.Auto },      // one component: a scan of blocks, not MCUs
        { 333, 257, 75, 3, Enums.ForeignSubsample.Auto },
        { 1921, 37, 89, 3, Enums.ForeignSubsample.Auto },
        { 640, 480, 100, 3, Enums.ForeignSubsample.Auto },  // large magnitudes: the long codes of the standard tables
        { 300, 200, 95, 3, Enums.ForeignSubsample.On },
        { 129, 65, 30, 3, Enums.ForeignSubsample.Off },
        { 64, 64, 1, 3, Enums.ForeignSubsample.Auto },      // almost every coefficient quantized to zero
        { 250, 170, 100, 1, Enums.ForeignSubsample.Auto },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void A_standard_table_stream_recodes_to_libvips_optimized_bytes(int width, int height, int quality, int bands,
        Enums.ForeignSubsample subsample)
    {
        using Image image = JpegTestFiles.PhotoLike(width, height, seed: width + height + quality, bands);

        AssertRecodesLikeLibvips(image, quality, subsample);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(100)]
    public void Noise_recodes_to_libvips_optimized_bytes(int quality)
    {
        byte[] noise = RandomImages.Opaque(203, 101, seed: quality);
        using Image rgba = Image.NewFromMemoryCopy(noise.AsSpan(), 203, 101, 4, Enums.BandFormat.Uchar);
        using Image rgb = rgba.ExtractBand(0, n: 3);

        AssertRecodesLikeLibvips(rgb, quality, Enums.ForeignSubsample.Auto);
    }

    [Theory]
    [InlineData("HMD_Nokia_8.3_5G.jpg")]
    [InlineData("iphone_hdr_YES.jpg")]
    [InlineData("jolla.jpg")]
    [InlineData("Canon_40D.jpg")]
    public void A_photo_recodes_to_libvips_optimized_bytes_with_its_metadata(string file)
    {
        using Image photo = Image.NewFromFile(TestImages.Path("photos", file));
        using Image small = (photo.Width > 1200 ? photo.Resize(1200.0 / photo.Width) : photo.Copy()).CopyMemory();

        byte[] plain = small.JpegsaveBuffer(q: 90, optimizeCoding: false, keep: Enums.ForeignKeep.All);
        byte[]? recoded = JpegHuffmanOptimizer.TryOptimize(plain);

        Assert.NotNull(recoded);
        Assert.Equal(small.JpegsaveBuffer(q: 90, optimizeCoding: true, keep: Enums.ForeignKeep.All), recoded);
        Assert.True(recoded.Length < plain.Length);
    }

    [Fact]
    public void A_recoded_stream_decodes_to_the_same_pixels()
    {
        using Image image = JpegTestFiles.PhotoLike(400, 300, seed: 3);
        byte[] plain = image.JpegsaveBuffer(q: 85, optimizeCoding: false);

        byte[] recoded = JpegHuffmanOptimizer.TryOptimize(plain)!;

        using Image before = Image.NewFromBuffer(plain);
        using Image after = Image.NewFromBuffer(recoded);
        Assert.Equal(before.WriteToMemory<byte>(), after.WriteToMemory<byte>());
    }

    [Fact]
    public void Progressive_streams_and_restart_markers_are_declined()
    {
        Assert.Null(JpegHuffmanOptimizer.TryOptimize(JpegTestFiles.Encode(96, 64, seed: 1, progressive: true)));
        Assert.Null(JpegHuffmanOptimizer.TryOptimize(JpegTestFiles.Encode(96, 64, seed: 1, restartInterval: 2)));
    }

    [Fact]
    public void Truncated_or_extended_streams_and_other_files_are_declined()
    {
        byte[] jpeg = JpegTestFiles.Encode(96, 64, seed: 2);

        Assert.NotNull(JpegHuffmanOptimizer.TryOptimize(jpeg));
        Assert.Null(JpegHuffmanOptimizer.TryOptimize(jpeg.AsSpan(0, jpeg.Length - 2)));
        Assert.Null(JpegHuffmanOptimizer.TryOptimize(jpeg.AsSpan(0, jpeg.Length / 2)));
        Assert.Null(JpegHuffmanOptimizer.TryOptimize([.. jpeg, 0x00]));
        Assert.Null(JpegHuffmanOptimizer.TryOptimize([]));
        Assert.Null(JpegHuffmanOptimizer.TryOptimize(File.ReadAllBytes(TestImages.Path("pngsuite", "png", "basn2c08.png"))));

        // One block too many: the scan of a 96x64 stream under the frame header of a 96x56 one.
        byte[] shorter = (byte[])jpeg.Clone();
        int frame = JpegParserTests.IndexOfMarker(shorter, JpegMarker.StartOfFrameBaseline);
        shorter[frame + 5] = 0;
        shorter[frame + 6] = 56;
        Assert.Null(JpegHuffmanOptimizer.TryOptimize(shorter));
    }

    [Fact]
    public void Damaged_scans_never_throw()
    {
        byte[] jpeg = JpegTestFiles.Encode(160, 120, seed: 4, quality: 80);
        int scan = JpegParserTests.ScanStart(jpeg);
        Random random = new(11);
        int recoded = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] damaged = (byte[])jpeg.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                damaged[random.Next(scan, damaged.Length - 2)] ^= (byte)(1 << random.Next(8));
            }

            byte[]? result = JpegHuffmanOptimizer.TryOptimize(damaged);
            if (result is not null)
            {
                // What decoded is recoded losslessly: libvips reads the same pixels from both.
                using Image before = Image.NewFromBuffer(damaged, access: Enums.Access.Sequential);
                using Image after = Image.NewFromBuffer(result, access: Enums.Access.Sequential);
                Assert.Equal(before.WriteToMemory<byte>(), after.WriteToMemory<byte>());
                recoded++;
            }
        }

        Assert.True(recoded < 300, "Some damage is caught: a symbol no table has, a marker in the scan, blocks that do not add up.");
        Assert.True(recoded > 0, "Some damage still decodes (to other coefficients), and is recoded losslessly.");
    }

    [Fact]
    public void Optimal_codes_are_at_most_16_bits_even_for_skewed_counts()
    {
        // Fibonacci counts make the unconstrained Huffman tree a path: 40 symbols would want codes of up to 40 bits.
        long[] counts = new long[256];
        long a = 1, b = 1;
        for (int symbol = 0; symbol < 40; symbol++)
        {
            counts[symbol * 3] = a;
            (a, b) = (b, a + b);
        }

        HuffmanTable table = OptimalHuffmanTable.Build(counts);

        Assert.Equal(40, table.Values.Length);
        Assert.Equal(40, table.Counts.ToArray().Sum(c => c));
        Span<ushort> code = stackalloc ushort[256];
        Span<byte> length = stackalloc byte[256];
        table.Codes(code, length);
        double kraft = 0;
        for (int symbol = 0; symbol < 256; symbol++)
        {
            Assert.Equal(counts[symbol] != 0, length[symbol] != 0);
            Assert.InRange(length[symbol], 0, 16);
            kraft += length[symbol] == 0 ? 0 : Math.Pow(2, -length[symbol]);
        }

        Assert.True(kraft < 1, $"The codes leave the all-ones code free (Kraft sum {kraft}).");

        // The most frequent symbols get the shortest codes.
        Assert.True(length[39 * 3] <= length[20 * 3] && length[20 * 3] <= length[0]);
    }

    [Fact]
    public void A_single_symbol_gets_a_one_bit_code()
    {
        long[] counts = new long[256];
        counts[0x42] = 1000;

        HuffmanTable table = OptimalHuffmanTable.Build(counts);

        Assert.Equal(new byte[] { 0x42 }, table.Values.ToArray());
        Assert.Equal(1, table.Counts[0]);
    }

    [Fact]
    public void Tables_that_are_no_prefix_code_are_refused()
    {
        byte[] counts = new byte[16];
        counts[0] = 2; // both one-bit codes: the second is all ones
        Assert.Throws<ArgumentException>(() => new HuffmanTable(counts, [1, 2]));

        counts[0] = 1;
        Assert.Throws<ArgumentException>(() => new HuffmanTable(counts, [1, 2]));  // counts one code, lists two
        counts[1] = 1;
        Assert.Throws<ArgumentException>(() => new HuffmanTable(counts, [7, 7])); // one symbol twice
        Assert.Throws<ArgumentException>(() => OptimalHuffmanTable.Build(new long[256]));
    }

    private static void AssertRecodesLikeLibvips(Image image, int quality, Enums.ForeignSubsample subsample)
    {
        byte[] plain = image.JpegsaveBuffer(q: quality, optimizeCoding: false, subsampleMode: subsample, keep: Enums.ForeignKeep.None);
        byte[] optimized = image.JpegsaveBuffer(q: quality, optimizeCoding: true, subsampleMode: subsample, keep: Enums.ForeignKeep.None);

        byte[]? recoded = JpegHuffmanOptimizer.TryOptimize(plain);

        Assert.NotNull(recoded);
        Assert.Equal(optimized, recoded);
    }
}
