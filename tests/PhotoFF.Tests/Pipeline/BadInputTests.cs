using System.Management.Automation;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Pipeline;

/// <summary>A bad file is a non-terminating error naming it; the good files of the same pipeline are still written.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Every_bad_file_is_a_named_error_and_the_good_files_are_still_written()
    {
        using TempFolder output = new();
        string[] bad = Directory.GetFiles(TestImages.Path("bad")).Where(f => !f.EndsWith("xhdn0g08.png", StringComparison.Ordinal)).Order().ToArray();
        string[] good = [TestImages.Path("pngsuite", "png", "basn6a08.png"), TestImages.Path("photos", "Canon_40D.jpg")];
        string[] mixed = [good[0], .. bad, good[1], TestImages.Path("photos", "no-such-file.jpg")];
        using PowerShellSession session = new();

        PowerShellResult result = session.Run(
            "$files | ForEach-Object { [IO.FileInfo]$_ } | Import-CudaImage | Export-CudaImage $out -Format Png",
            new Dictionary<string, object?> { ["files"] = mixed, ["out"] = output.Path });

        Assert.Null(result.Terminating);
        Assert.Equal(bad.Length + 1, result.Errors.Count);
        foreach (string file in mixed.Except(good))
        {
            ErrorRecord error = Assert.Single(result.Errors, e => Equals(e.TargetObject, file));
            Assert.Contains(Path.GetFileName(file), error.Exception.Message);
        }

        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("FileNotFound", StringComparison.Ordinal));
        Assert.Equal(["Canon_40D.png", "basn6a08.png"], output.Files().Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void ErrorAction_Stop_makes_a_bad_file_terminating()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run(
            "Import-CudaImage -LiteralPath $file -ErrorAction Stop",
            new Dictionary<string, object?> { ["file"] = TestImages.Path("bad", "corrupted.jpg") });
        Assert.NotNull(result.Terminating);
        Assert.Contains("corrupted.jpg", result.Terminating!.Message);
    }

    [Fact]
    public void A_damaged_jpeg_imports_with_Lenient_and_warnings()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run(
            "Import-CudaImage -LiteralPath $file -Lenient | ForEach-Object { $_.Width; $_.Dispose() }",
            new Dictionary<string, object?> { ["file"] = TestImages.Path("bad", "corrupted.jpg") });
        result.ThrowOnErrors();
        Assert.Single(result.Output);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void The_pixel_limit_refuses_a_large_image()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run(
            "Import-CudaImage -LiteralPath $file -MaxPixels 1000",
            new Dictionary<string, object?> { ["file"] = TestImages.Path("photos", "jolla.jpg") });
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("ImageTooLarge", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void A_wildcard_imports_every_match_with_progress_and_a_missing_literal_path_is_an_error()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run(
            "Import-CudaImage -Path $pattern | ForEach-Object { $_.SourcePath; $_.Dispose() }",
            new Dictionary<string, object?> { ["pattern"] = TestImages.Path("exif", "orientation", "landscape_*.jpg") });
        result.ThrowOnErrors();
        Assert.Equal(8, result.Output.Count);
        Assert.Equal(result.Output.OfType<string>().Order(StringComparer.Ordinal), result.Output.OfType<string>());
        Assert.NotEmpty(result.Progress);

        PowerShellResult missing = session.Run("Import-CudaImage -LiteralPath ./does-not-exist.png");
        Assert.StartsWith("FileNotFound", Assert.Single(missing.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_with_a_provider_qualified_PSPath_bind_like_Get_ChildItem_output()
    {
        using PowerShellSession session = new();
        string file = TestImages.Path("photos", "Canon_40D.jpg");
        PowerShellResult result = session.Run(
            "[pscustomobject]@{ PSPath = 'Microsoft.PowerShell.Core\\FileSystem::' + $file } | Import-CudaImage | ForEach-Object { $_.SourcePath; $_.Dispose() }",
            new Dictionary<string, object?> { ["file"] = file });
        result.ThrowOnErrors();
        Assert.Equal(file, Assert.Single(result.Output));
    }
}
