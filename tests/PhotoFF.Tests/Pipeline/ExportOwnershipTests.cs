using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Pipeline;

/// <summary>Export hands pixels to the background without waiting: the image's own buffer when it is done with, a
/// snapshot with -PassThru, so the next cmdlet can change the image while the file is written.</summary>
public sealed class ExportOwnershipTests
{
    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

    [Theory]
    [InlineData("Png")]
    [InlineData("Jpeg")]
    public void With_PassThru_the_file_holds_the_image_as_it_was_when_it_reached_Export(string format)
    {
        using TempFolder output = new();
        using PowerShellSession session = new();

        PowerShellResult result = session.Run(
            "New-CudaImage 64 48 -Color '#2050A0' | Export-CudaImage \"$out/snap\" -Format $format -PassThru | Invoke-Fill -Color White",
            Vars(("out", output.Path), ("format", format)));

        result.ThrowOnErrors();
        DecodedImage written = ImageDecoder.Decode(Assert.Single(output.Files()), new DecodeOptions());
        Assert.InRange(written.Pixels[0], 0x20 - 3, 0x20 + 3);
        Assert.InRange(written.Pixels[2], 0xA0 - 3, 0xA0 + 3);
    }

    [Fact]
    public void Without_PassThru_the_image_is_disposed_and_its_file_written()
    {
        using TempFolder output = new();
        using PowerShellSession session = new();

        PowerShellResult result = session.Run(
            "$image = New-CudaImage 16 16 -Color Red; $image | Export-CudaImage \"$out/red.png\"; $image.IsDisposed",
            Vars(("out", output.Path)));

        result.ThrowOnErrors();
        Assert.Equal(true, result.Output.Single());
        Assert.Equal(255, ImageDecoder.Decode(output.File("red.png"), new DecodeOptions()).Pixels[0]);
    }
}
