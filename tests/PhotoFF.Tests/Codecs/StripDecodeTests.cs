using NetVips;
using PhotoFF.Backends.Cpu;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs;

/// <summary>
/// The pixels the decoder computes a strip at a time into its own buffer (<see cref="RegionStrips"/>) are libvips' own:
/// each file equals what libvips renders of it in one piece (with its ICC profile applied where it is not sRGB), expanded
/// to RGBA here, for files whose loader gives 8-bit RGB (camera and phone JPEGs whose height no strip size divides, every
/// stored EXIF orientation with its Generic RGB profile, RGB, RGBA and palette PNGs), decoded into a poisoned buffer of
/// the CPU backend's pool as Import-CudaImage decodes.
/// </summary>
public sealed class StripDecodeTests : IDisposable
{
    private readonly CpuBackend cpu = new();

    public static TheoryData<string, string> Files
    {
        get
        {
            TheoryData<string, string> files = new()
            {
                { "photos", "HMD_Nokia_8.3_5G.jpg" },
                { "photos", "iphone_hdr_YES.jpg" },
                { "photos", "jolla.jpg" },
                { "photos", "Canon_40D.jpg" },
                { "pngsuite/png", "basn2c08.png" },
                { "pngsuite/png", "basn6a08.png" },
                { "pngsuite/png", "basn3p08.png" },
                { "pngsuite/png", "s39n3p04.png" },
            };
            for (int orientation = 1; orientation <= 8; orientation++)
            {
                files.Add("exif/orientation", $"landscape_{orientation}.jpg");
                files.Add("exif/orientation", $"portrait_{orientation}.jpg");
            }

            return files;
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Strips_hold_the_pixels_libvips_renders_in_one_piece(string folder, string name)
    {
        string path = TestImages.Path([.. folder.Split('/'), name]);
        DecodeOptions stored = new() { AutoOrient = false };
        using PendingImage decoded = ImageDecoder.Decode(path, stored, cpu, new DecodeMemoryBudget(1L << 30).OpenLine().Enqueue(), CancellationToken.None);
        using CudaImage? image = decoded.TakeDeviceImage();

        using Image loaded = Image.NewFromFile(path, access: Enums.Access.Random, failOn: Enums.FailOn.Error);
        bool profiled = loaded.Contains("icc-profile-data") && !ColourManagement.IsSrgbProfile((byte[])loaded.Get("icc-profile-data"));
        using Image whole = profiled ? loaded.IccTransform("srgb", embedded: true, depth: 8) : loaded.Copy();
        Assert.Equal(Enums.BandFormat.Uchar, whole.Format);
        Assert.InRange(whole.Bands, 3, 4);
        Assert.NotNull(image);
        Assert.Equal((whole.Width, whole.Height), (image.Width, image.Height));
        PixelAssert.Equal(ExpandedToRgba(whole.WriteToMemory<byte>(), whole.Bands), image.ToArray(), image.Width);
    }

    /// <summary>RGB or RGBA samples as RGBA, alpha 255 where there is none: the test's own loop.</summary>
    private static byte[] ExpandedToRgba(byte[] samples, int bands)
    {
        int pixels = samples.Length / bands;
        byte[] rgba = new byte[4 * pixels];
        for (int p = 0; p < pixels; p++)
        {
            rgba[4 * p] = samples[bands * p];
            rgba[4 * p + 1] = samples[bands * p + 1];
            rgba[4 * p + 2] = samples[bands * p + 2];
            rgba[4 * p + 3] = bands == 4 ? samples[bands * p + 3] : (byte)255;
        }

        return rgba;
    }

    public void Dispose() => cpu.Dispose();
}
