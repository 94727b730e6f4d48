using PhotoFF.Codecs;
using PhotoFF.Codecs.Heif.LibHeif;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>
/// The HEIC fixtures of tests/fixtures/heic (made by make_fixtures.py, see its README) with heif-convert's decodes
/// beside them, and whether libheif can decode here. Without libheif the CPU tests skip, unless
/// PHOTOFF_REQUIRE_LIBHEIF=1 (CI installs it and sets that) makes the absence a failure.
/// </summary>
internal static class HeifFixtures
{
    private static readonly Lazy<string> Folder = new(Find);

    /// <summary>Every fixture, with the size its primary image has after its transformations.</summary>
    public static TheoryData<string, int, int> All => new()
    {
        { "single", 176, 144 },
        { "rotated", 144, 176 },
        { "mirrored", 176, 144 },
        { "flipped", 176, 144 },
        { "grid", 260, 200 },
        { "grid-transformed", 157, 201 },
        { "alpha", 176, 144 },
        { "grid-alpha", 260, 220 },
        { "ten-bit", 176, 144 },
        { "limited-range", 160, 144 },
        { "thumbnail", 176, 144 },
    };

    public static string Heic(string name) => Path.Combine(Folder.Value, name + ".heic");

    /// <summary>heif-convert's decode of the fixture, read back as RGBA8 (16-bit PNGs keep their high byte).</summary>
    public static DecodedImage Reference(string name) =>
        ImageDecoder.Decode(Path.Combine(Folder.Value, name + ".png"), new DecodeOptions());

    public static bool LibHeifRequired => Environment.GetEnvironmentVariable("PHOTOFF_REQUIRE_LIBHEIF") == "1";

    /// <summary>Skips the calling test when libheif with an HEVC decoder is not installed (fails when it is required).</summary>
    public static void RequireLibHeif()
    {
        if (LibHeifDecoder.UnavailableReason is { } reason)
        {
            if (LibHeifRequired)
            {
                Assert.Fail($"PHOTOFF_REQUIRE_LIBHEIF=1 but {reason}");
            }

            Assert.Skip(reason);
        }
    }

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "heic");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/heic was not found above " + AppContext.BaseDirectory);
    }
}
