using System.Buffers.Binary;
using System.Diagnostics;
using PhotoFF.Codecs;
using PhotoFF.Codecs.Heif;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>
/// Damaged HEIF files, made by mutating real ones with a fixed seed: truncations, flipped bytes, absurd box sizes, item
/// data outside the file and references that loop. The reader (container, items, grid, Annex B conversion) must answer
/// each with a result or a <see cref="CodecException"/>, quickly and without a large allocation: never another
/// exception, a hang or a crash. The HEVC data itself is not decoded here: that is libheif's and NVDEC's to check.
/// </summary>
public sealed class HeifFuzzTests
{
    private const int Seed = 20261129;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Files => new("IMG_5195.HEIC", "grid-alpha", "grid-transformed", "ten-bit");

    [Theory]
    [MemberData(nameof(Files))]
    public void Mutated_files_are_refused_cleanly(string name)
    {
        var original = File.ReadAllBytes(name.EndsWith(".HEIC", StringComparison.Ordinal) ? TestImages.Path("photos", name) : HeifFixtures.Heic(name));
        var headers = BoxHeaders(original);
        var random = new Random(Seed ^ name.GetHashCode(StringComparison.Ordinal) & 0xffff);
        var clock = Stopwatch.StartNew();
        int tried = 0, refused = 0;
        while (clock.Elapsed < Budget / Files.Count && tried < 4000)
        {
            var mutant = Mutate(original, headers, random);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = clock.Elapsed;
            try
            {
                Open(mutant);
            }
            catch (CodecException e)
            {
                Assert.True(e.Kind is CodecErrorKind.Corrupt or CodecErrorKind.Unsupported or CodecErrorKind.TooLarge, e.Message);
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutant {tried} of {name} threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }

            Assert.True(clock.Elapsed - started < TimeSpan.FromSeconds(1), $"mutant {tried} of {name} took {clock.Elapsed - started}");
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Assert.True(bytes < 4L * original.Length + (4 << 20), $"mutant {tried} of {name} allocated {bytes} bytes");
            tried++;
        }

        Assert.True(tried >= 200, $"only {tried} mutants in the time budget");
        Assert.True(refused > tried / 4, $"{refused} of {tried} mutants refused: the mutations do not reach the reader");
    }

    [Fact]
    public void A_grid_that_names_itself_as_a_tile_is_refused()
    {
        var file = File.ReadAllBytes(HeifFixtures.Heic("grid"));
        var dimg = IndexOf(file, "dimg"u8);
        var from = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(dimg + 4));
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(dimg + 8), from); // the first tile is the grid itself

        var e = CodecAssert.Throws(CodecErrorKind.Corrupt, () => Open(file));

        Assert.Contains("not an HEVC image", e.Reason);
    }

    [Fact]
    public void A_box_larger_than_its_parent_is_refused()
    {
        var file = File.ReadAllBytes(HeifFixtures.Heic("single"));
        var ipco = IndexOf(file, "ipco"u8) - 4;
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(ipco), 0x7fff_fff0);

        var e = CodecAssert.Throws(CodecErrorKind.Corrupt, () => Open(file));

        Assert.Contains("ipco", e.Reason);
    }

    [Fact]
    public void Item_data_outside_the_file_is_refused()
    {
        var file = File.ReadAllBytes(HeifFixtures.Heic("single"));
        var iloc = IndexOf(file, "iloc"u8);
        // iloc v1, sizes 0x4400, one item: id, method, data reference, extent count, then the extent's offset.
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(iloc + 4 + 4 + 4 + 8), 0x7000_0000);

        var e = CodecAssert.Throws(CodecErrorKind.Corrupt, () => Open(file));

        Assert.Contains("outside the file", e.Reason);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var file = File.ReadAllBytes(TestImages.Path("photos", "IMG_5195.HEIC"));

        CodecAssert.Throws(CodecErrorKind.Corrupt, () => Open(file[..(file.Length / 2)]));
        CodecAssert.Throws(CodecErrorKind.Corrupt, () => Open(file[..600]));
    }

    /// <summary>What the decoders do first with a file: read and resolve it, and turn each tile into an Annex B stream.</summary>
    private static void Open(byte[] bytes)
    {
        var file = HeifFile.TryOpen(bytes, "fuzz.heic");
        if (file is null)
        {
            return;
        }

        file.CheckPixelLimit(new DecodeOptions());
        try
        {
            foreach (var tile in file.Image.Coded.Tiles.Concat(file.Image.Alpha?.Tiles ?? []))
            {
                tile.Configuration.ToAnnexB(tile.Data.Span);
            }
        }
        catch (HeifFormatException e)
        {
            throw HeifFile.ToCodecException(e, "fuzz.heic");
        }
    }

    private static byte[] Mutate(byte[] original, List<int> headers, Random random)
    {
        var metaEnd = Math.Min(original.Length, headers.Max() + 64);
        var mutant = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                return original[..random.Next(original.Length)];
            case 1:
                for (var n = random.Next(1, 9); n > 0; n--)
                {
                    mutant[random.Next(metaEnd)] ^= (byte)(1 << random.Next(8));
                }

                return mutant;
            case 2:
                var header = headers[random.Next(headers.Count)];
                uint[] absurd = [0, 1, 7, 0xffff_ffff, 0x7fff_ffff, (uint)random.Next()];
                BinaryPrimitives.WriteUInt32BigEndian(mutant.AsSpan(header), absurd[random.Next(absurd.Length)]);
                return mutant;
            case 3:
                // A 16-bit field of the meta box set to a small item id: references and properties that point at the
                // wrong item, at themselves, or at nothing.
                var at = random.Next(metaEnd - 2);
                BinaryPrimitives.WriteUInt16BigEndian(mutant.AsSpan(at), (ushort)random.Next(0, 64));
                return mutant;
            default:
                var field = random.Next(metaEnd - 4);
                BinaryPrimitives.WriteUInt32BigEndian(mutant.AsSpan(field), (uint)random.Next(int.MinValue, int.MaxValue));
                return mutant;
        }
    }

    /// <summary>The offsets of the box headers of the meta box and the containers in it.</summary>
    private static List<int> BoxHeaders(byte[] file)
    {
        var headers = new List<int>();
        void Walk(int start, int end, int depth)
        {
            foreach (var box in IsoBox.Children(file, start, end, "fuzz"))
            {
                var header = box.ContentStart - 8;
                headers.Add(header);
                var name = box.Name;
                if (depth < 4 && name is "meta" or "iinf" or "iprp" or "ipco" or "iref")
                {
                    var skip = name switch { "meta" => 4, "iref" => 4, "iinf" => file[box.ContentStart] == 0 ? 6 : 8, _ => 0 };
                    Walk(box.ContentStart + skip, box.End, depth + 1);
                }
            }
        }

        Walk(0, file.Length, 0);
        headers.RemoveAll(h => h >= file.Length - 8);
        return headers.Where(h => h < 200_000).ToList();
    }

    private static int IndexOf(byte[] file, ReadOnlySpan<byte> type)
    {
        var at = file.AsSpan().IndexOf(type);
        Assert.True(at > 0);
        return at;
    }
}
