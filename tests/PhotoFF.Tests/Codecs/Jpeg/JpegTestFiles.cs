using NetVips;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Jpeg;

/// <summary>The JPEGs the GPU path is checked on: every one in the shared test images (photos, exif/orientation, bad)
/// and in samples/photos, named "folder/file"; and JPEG streams made to order by libvips.</summary>
internal static class JpegTestFiles
{
    private static readonly Lazy<string?> SamplesRoot = new(FindSamples);

    public static TheoryData<string> All()
    {
        TheoryData<string> data = [];
        foreach (string folder in (string[])["photos", "exif/orientation", "bad"])
        {
            foreach (string file in Directory.GetFiles(TestImages.Path(folder.Split('/')), "*.jpg").Order(StringComparer.Ordinal))
            {
                data.Add($"{folder}/{Path.GetFileName(file)}");
            }
        }

        if (SamplesRoot.Value is { } samples)
        {
            foreach (string file in Directory.GetFiles(samples, "*.jpg").Order(StringComparer.Ordinal))
            {
                data.Add($"samples/{Path.GetFileName(file)}");
            }
        }

        return data;
    }

    public static string PathOf(string key) => key.StartsWith("samples/", StringComparison.Ordinal)
        ? Path.Combine(SamplesRoot.Value!, key["samples/".Length..])
        : TestImages.Path(key.Split('/'));

    /// <summary>A JPEG of smooth gradients with noise (so that it compresses like a photo), made by libvips.</summary>
    public static byte[] Encode(int width, int height, int seed, int bands = 3, int quality = 90, bool progressive = false,
        int restartInterval = 0, Enums.ForeignSubsample subsample = Enums.ForeignSubsample.Auto)
    {
        using Image image = PhotoLike(width, height, seed, bands);
        return image.JpegsaveBuffer(q: quality, interlace: progressive, restartInterval: restartInterval, subsampleMode: subsample,
            keep: Enums.ForeignKeep.None);
    }

    /// <summary>RGB (or grey) pixels that look like a photo to an encoder: gradients, edges and a little noise.</summary>
    public static Image PhotoLike(int width, int height, int seed, int bands = 3)
    {
        Random random = new(seed);
        byte[] pixels = new byte[width * height * bands];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int b = 0; b < bands; b++)
                {
                    double wave = 127 + 90 * Math.Sin((x + 17 * b) / 23.0 + seed) * Math.Cos((y - 11 * b) / 31.0);
                    int edge = (x / 37 + y / 29) % 2 == 0 ? 20 : -20;
                    pixels[(y * width + x) * bands + b] = (byte)Math.Clamp(wave + edge + random.Next(-6, 7), 0, 255);
                }
            }
        }

        using Image memory = Image.NewFromMemoryCopy(pixels, width, height, bands, Enums.BandFormat.Uchar);
        return memory.Copy(interpretation: bands == 1 ? Enums.Interpretation.Bw : Enums.Interpretation.Srgb);
    }

    private static string? FindSamples()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "photos");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "PhotoFF.psd1")))
            {
                return candidate;
            }
        }

        return null;
    }
}
