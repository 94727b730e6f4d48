using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Pipeline;

/// <summary>The pipeline of the README, run in a real runspace over real photos.</summary>
public sealed class HeadlinePipelineTests
{
    public static TheoryData<string> Folders => new(
        Path.Combine("photos"),
        Path.Combine("exif", "orientation"));

    [Theory]
    [MemberData(nameof(Folders))]
    public void Import_blur_round_and_export_writes_every_photo_blurred_with_transparent_corners(string folder)
    {
        using TempFolder output = new();
        string[] inputs = Directory.GetFiles(TestImages.Path(folder)).Where(f => !f.EndsWith(".HEIC", StringComparison.OrdinalIgnoreCase) && !f.EndsWith("README", StringComparison.Ordinal)).Order().ToArray();
        using PowerShellSession session = new();

        PowerShellResult result = session.Run(
            "$files | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage $out -Format Png",
            new Dictionary<string, object?> { ["files"] = inputs.Select(f => new FileInfo(f)).ToArray(), ["out"] = output.Path });

        result.ThrowOnErrors();
        foreach (string input in inputs)
        {
            string written = output.File(Path.GetFileNameWithoutExtension(input) + ".png");
            Assert.True(File.Exists(written), $"{written} was not written");
            DecodedImage source = ImageDecoder.Decode(input, new DecodeOptions());
            DecodedImage result2 = ImageDecoder.Decode(written, new DecodeOptions());
            Assert.Equal((source.Width, source.Height), (result2.Width, result2.Height));
            Assert.True(
                Sharpness.HighFrequencyEnergy(result2.Pixels, result2.Width, result2.Height) < Sharpness.HighFrequencyEnergy(source.Pixels, source.Width, source.Height),
                $"{written} is not blurred");
            foreach ((int x, int y) in new[] { (0, 0), (result2.Width - 1, 0), (0, result2.Height - 1), (result2.Width - 1, result2.Height - 1) })
            {
                Assert.Equal(0, result2.Pixels[(y * result2.Width + x) * 4 + 3]);
            }
        }
    }

    [Fact]
    public void Exif_orientations_2_to_8_import_to_images_that_match_orientation_1()
    {
        using PowerShellSession session = new();
        foreach (string set in new[] { "landscape", "portrait" })
        {
            string[] files = Enumerable.Range(1, 8).Select(i => TestImages.Path("exif", "orientation", $"{set}_{i}.jpg")).ToArray();
            PowerShellResult result = session.Run("$files | Import-CudaImage", new Dictionary<string, object?> { ["files"] = files });
            result.ThrowOnErrors();
            List<Imaging.CudaImage> images = result.OutputOf<Imaging.CudaImage>().ToList();
            try
            {
                Assert.Equal(8, images.Count);
                byte[] reference = images[0].ToArray();
                for (int i = 1; i < 8; i++)
                {
                    Assert.Equal((images[0].Width, images[0].Height), (images[i].Width, images[i].Height));
                    byte[] pixels = images[i].ToArray();
                    double meanDifference = pixels.Zip(reference, (a, b) => (double)Math.Abs(a - b)).Average();
                    Assert.True(meanDifference < 6, $"{set}_{i + 1}.jpg differs from {set}_1.jpg by {meanDifference:0.00} on average");
                }
            }
            finally
            {
                images.ForEach(image => image.Dispose());
            }
        }
    }
}
