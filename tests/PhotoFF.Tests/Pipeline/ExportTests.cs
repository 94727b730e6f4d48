using NetVips;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Pipeline;

/// <summary>Export never loses or half-writes a file.</summary>
public sealed class ExportTests
{
    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void WhatIf_writes_nothing()
    {
        using TempFolder output = new();
        using PowerShellSession session = new();
        PowerShellResult result = session.Run(
            "New-CudaImage 16 16 -Color Red | Export-CudaImage \"$out/a.png\" -WhatIf; New-CudaImage 8 8 | Export-CudaImage $sub -WhatIf",
            Vars(("out", output.Path), ("sub", Path.Combine(output.Path, "sub"))));
        Assert.Empty(output.Files());
        Assert.False(Directory.Exists(Path.Combine(output.Path, "sub")));
    }

    [Fact]
    public void NoClobber_keeps_an_existing_file_byte_for_byte()
    {
        using TempFolder output = new();
        string existing = output.File("keep.png");
        byte[] original = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(existing, original);
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("New-CudaImage 16 16 -Color Blue | Export-CudaImage $file -NoClobber", Vars(("file", existing)));
        Assert.StartsWith("FileExists", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(existing));
    }

    [Fact]
    public void A_failure_mid_batch_leaves_no_partial_file_and_the_rest_is_written()
    {
        using TempFolder output = new();
        // A folder where the second image's file should go makes that one write fail.
        Directory.CreateDirectory(output.File("portrait_2.png"));
        string[] files = Enumerable.Range(1, 4).Select(i => TestImages.Path("exif", "orientation", $"portrait_{i}.jpg")).ToArray();
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("$files | Import-CudaImage | Export-CudaImage $out -Format Png", Vars(("files", files), ("out", output.Path)));
        Assert.Single(result.Errors);
        Assert.Equal(["portrait_1.png", "portrait_3.png", "portrait_4.png"], output.Files().Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(Directory.GetFileSystemEntries(output.File("portrait_2.png")));
        foreach (string file in output.Files())
        {
            using Image image = Image.NewFromFile(file);
            Assert.True(image.Width > 0);
        }
    }

    [Fact]
    public void An_image_is_never_written_over_its_source_without_Force()
    {
        using TempFolder folder = new();
        string source = folder.File("photo.png");
        File.Copy(TestImages.Path("pngsuite", "png", "basn6a08.png"), source);
        byte[] before = File.ReadAllBytes(source);
        using PowerShellSession session = new();
        PowerShellResult refused = session.Run("Import-CudaImage $file | Invoke-GaussianBlur 3 | Export-CudaImage $dir", Vars(("file", source), ("dir", folder.Path)));
        Assert.StartsWith("DestinationIsSource", Assert.Single(refused.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(source));

        session.Run("Import-CudaImage $file | Invoke-GaussianBlur 3 | Export-CudaImage $dir -Force", Vars(("file", source), ("dir", folder.Path))).ThrowOnErrors();
        Assert.NotEqual(before, File.ReadAllBytes(source));
    }

    [Fact]
    public void Same_named_sources_from_two_folders_do_not_overwrite_each_other()
    {
        using TempFolder input = new();
        using TempFolder output = new();
        Directory.CreateDirectory(input.File("a"));
        Directory.CreateDirectory(input.File("b"));
        File.Copy(TestImages.Path("pngsuite", "png", "basn6a08.png"), Path.Combine(input.Path, "a", "same.png"));
        File.Copy(TestImages.Path("pngsuite", "png", "basn2c08.png"), Path.Combine(input.Path, "b", "same.png"));
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("$files | Import-CudaImage | Export-CudaImage $out", Vars(
            ("files", new[] { Path.Combine(input.Path, "a", "same.png"), Path.Combine(input.Path, "b", "same.png") }), ("out", output.Path)));
        Assert.StartsWith("DestinationCollision", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        // The first image's file stands; the second was refused, not written over it.
        var written = PhotoFF.Codecs.ImageDecoder.Decode(output.File("same.png"), new PhotoFF.Codecs.DecodeOptions());
        var first = PhotoFF.Codecs.ImageDecoder.Decode(Path.Combine(input.Path, "a", "same.png"), new PhotoFF.Codecs.DecodeOptions());
        Assert.Equal(first.Pixels, written.Pixels);
    }

    [Fact]
    public void Metadata_is_stripped_by_default_and_kept_with_orientation_1_on_request()
    {
        using TempFolder output = new();
        string photo = TestImages.Path("exif", "orientation", "landscape_6.jpg");
        using PowerShellSession session = new();
        session.Run("Import-CudaImage $file | Export-CudaImage \"$out/plain.jpg\"; Import-CudaImage $file | Export-CudaImage \"$out/kept.jpg\" -KeepMetadata",
            Vars(("file", photo), ("out", output.Path))).ThrowOnErrors();

        using Image plain = Image.NewFromFile(output.File("plain.jpg"));
        Assert.DoesNotContain("exif-data", plain.GetFields());
        Assert.DoesNotContain(plain.GetFields(), f => f.StartsWith("exif-ifd3", StringComparison.Ordinal));

        using Image kept = Image.NewFromFile(output.File("kept.jpg"));
        Assert.Contains("exif-data", kept.GetFields());
        Assert.Equal(1, kept.Get("orientation"));

        // The camera's EXIF fields survive -KeepMetadata.
        string camera = TestImages.Path("photos", "Canon_40D.jpg");
        session.Run("Import-CudaImage $file | Export-CudaImage \"$out/camera.jpg\" -KeepMetadata", Vars(("file", camera), ("out", output.Path))).ThrowOnErrors();
        using Image original = Image.NewFromFile(camera);
        using Image keptCamera = Image.NewFromFile(output.File("camera.jpg"));
        Assert.Equal(original.Get("exif-ifd0-Make"), keptCamera.Get("exif-ifd0-Make"));
        Assert.Equal(original.Get("exif-ifd0-Model"), keptCamera.Get("exif-ifd0-Model"));
    }

    [Fact]
    public void A_phone_photo_with_gps_loses_its_gps_block_by_default()
    {
        using TempFolder output = new();
        string photo = TestImages.Path("photos", "HMD_Nokia_8.3_5G.jpg");
        using PowerShellSession session = new();
        session.Run("Import-CudaImage $file | Export-CudaImage $out -Format Jpeg", Vars(("file", photo), ("out", output.Path))).ThrowOnErrors();
        using Image written = Image.NewFromFile(Assert.Single(output.Files()));
        Assert.DoesNotContain(written.GetFields(), f => f.StartsWith("exif-", StringComparison.Ordinal));
    }
}
