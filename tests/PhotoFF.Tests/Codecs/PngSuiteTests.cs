using System.Text.Json;
using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs;

/// <summary>
/// Every valid PngSuite file (colour types, bit depths 1-16, palettes, tRNS, interlacing, odd sizes, chunk
/// orderings) decodes to exactly the reference pixels in pngsuite/json.
/// </summary>
public sealed class PngSuiteTests
{
    public static TheoryData<string> ValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestImages.Path("pngsuite", "png"), "*.png").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);

            // x*.png are PngSuite's deliberately broken files: BadFileTests covers them.
            if (!name.StartsWith('x'))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Decodes_to_the_reference_pixels(string name)
    {
        var image = ImageDecoder.Decode(TestImages.Path("pngsuite", "png", name + ".png"), new DecodeOptions());

        Assert.Equal("png", image.SourceFormat);
        AssertReferencePixels(name, image);
    }

    /// <summary>
    /// 16-bit samples become 8-bit as v >> 8 (libvips' own conversion). That equals the suite's *_to8.json
    /// exactly for every 16-bit colour file. The *_to8.json of the 16-bit grey files (basn0g16, basi0g16,
    /// oi*n0g16) was made by a conversion that is no per-sample formula: it maps 34560 to 134 but 33536 to
    /// 131, so it matches neither v >> 8 nor round(v / 257). For those the expectation is the exact 16-bit
    /// reference shifted, and the _to8 data is still checked within 1.
    /// </summary>
    [Fact]
    public void Sixteen_bit_samples_keep_the_high_byte()
    {
        var image = ImageDecoder.Decode(TestImages.Path("pngsuite", "png", "basn2c16.png"), new DecodeOptions());
        var exact = LoadJson("basn2c16.json");
        var to8 = LoadJson("basn2c16_to8.json");

        for (var i = 0; i < exact.Length; i++)
        {
            Assert.Equal(exact[i] >> 8, image.Pixels[i]);
            Assert.Equal(to8[i], image.Pixels[i]);
        }
    }

    internal static void AssertReferencePixels(string name, DecodedImage image)
    {
        var sixteenBit = name.Length >= 8 && name.Substring(6, 2) == "16";
        var greySixteen = sixteenBit && name.Substring(4, 2) == "0g";
        var to8Path = TestImages.Path("pngsuite", "json", name + "_to8.json");
        int[] expected;
        var tolerance = 0;
        if (sixteenBit && (greySixteen || !File.Exists(to8Path)))
        {
            expected = LoadJson(name + ".json").Select(v => v >> 8).ToArray();
        }
        else
        {
            expected = LoadJson(File.Exists(to8Path) ? name + "_to8.json" : name + ".json");
        }

        Compare(name, image, expected, tolerance);
        if (greySixteen && File.Exists(to8Path))
        {
            Compare(name + "_to8", image, LoadJson(name + "_to8.json"), tolerance: 1);
        }
    }

    private static void Compare(string name, DecodedImage image, int[] expected, int tolerance)
    {
        Assert.True(expected.Length == image.Pixels.Length,
            $"{name}: expected {expected.Length / 4} pixels, decoded {image.Width}x{image.Height}");
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - image.Pixels[i]) > tolerance)
            {
                var pixel = i / 4;
                Assert.Fail($"{name}: first mismatch at pixel ({pixel % image.Width},{pixel / image.Width}) channel " +
                            $"{"RGBA"[i % 4]}: expected {expected[i]}, decoded {image.Pixels[i]}");
            }
        }
    }

    private static int[] LoadJson(string file) =>
        JsonSerializer.Deserialize<int[]>(File.ReadAllText(TestImages.Path("pngsuite", "json", file)))!;
}
