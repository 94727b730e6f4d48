using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

/// <summary>Add-Stroke, Add-Shadow and Invoke-Sharpen in a real runspace.</summary>
public sealed class EffectCmdletTests
{
    private static CudaImage SquareImage()
    {
        byte[] pixels = new byte[21 * 21 * 4];
        for (int y = 7; y < 14; y++)
        {
            for (int x = 7; x < 14; x++)
            {
                pixels.AsSpan((y * 21 + x) * 4, 4).Fill(255);
            }
        }

        return CudaImage.FromPixels(pixels, 21, 21);
    }

    [Theory]
    [InlineData("Add-Stroke 2.5 -Color Red", "Stroke")]
    [InlineData("Add-Stroke -Width 3 -Color '#00FF0080' -Inner", "InnerStroke")]
    [InlineData("Add-Shadow 4 -Intensity 0.8 -Color Navy -OffsetX 3 -OffsetY -2", "Shadow")]
    [InlineData("Add-Shadow -Radius 2 -Intensity 1 -Color @(200, 0, 0) -Inner -OffsetX 1", "InnerShadow")]
    [InlineData("Invoke-Sharpen 3 1.5 -Threshold 2", "Sharpen")]
    public void Each_cmdlet_writes_the_same_image_changed_as_the_dotnet_api_does(string command, string operation)
    {
        using CudaImage image = SquareImage();
        using CudaImage expected = image.Clone();
        byte[] before = image.ToArray();
        _ = operation switch
        {
            "Stroke" => expected.Stroke(2.5, new Rgba(255, 0, 0)),
            "InnerStroke" => expected.Stroke(3, new Rgba(0, 255, 0, 128), inner: true),
            "Shadow" => expected.Shadow(4, 0.8, new Rgba(0, 0, 128), 3, -2),
            "InnerShadow" => expected.Shadow(2, 1, new Rgba(200, 0, 0), 1, 0, inner: true),
            _ => expected.Sharpen(3, 1.5, 2),
        };

        using PowerShellSession session = new();
        PowerShellResult result = session.Run($"$out = $image | {command}; [object]::ReferenceEquals($image, $out)",
            new Dictionary<string, object?> { ["image"] = image }).ThrowOnErrors();
        Assert.Equal(true, Assert.Single(result.Output));
        Assert.Equal(expected.ToArray(), image.ToArray());
        if (operation != "Sharpen")
        {
            Assert.NotEqual(before, image.ToArray());
        }
    }

    [Fact]
    public void The_cmdlets_chain_with_their_defaults()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run(
            "New-CudaImage 40 30 Transparent | ForEach-Object { $_ } | Add-Stroke 2 | Add-Shadow | Invoke-Sharpen").ThrowOnErrors();
        using CudaImage image = Assert.IsType<CudaImage>(Assert.Single(result.Output));
        Assert.Equal(40, image.Width);
        Assert.All(image.ToArray(), b => Assert.Equal(0, b)); // no shape: nothing to stroke or shade
    }

    [Theory]
    [InlineData("Add-Stroke -Width -1", "AddStrokeCommand", "ParameterArgumentValidationError")]
    [InlineData("Add-Stroke 2 -Color NotAColor", "AddStrokeCommand", "ParameterArgumentTransformationError")]
    [InlineData("Add-Stroke 2 -Color @(1, 2)", "AddStrokeCommand", "ParameterArgumentTransformationError")]
    [InlineData("Add-Shadow -Radius -3", "AddShadowCommand", "ParameterArgumentValidationError")]
    [InlineData("Add-Shadow -Intensity 2", "AddShadowCommand", "ParameterArgumentValidationError")]
    [InlineData("Add-Shadow -Color Nope", "AddShadowCommand", "ParameterArgumentTransformationError")]
    [InlineData("Add-Shadow -OffsetX 100000", "AddShadowCommand", "ParameterArgumentValidationError")]
    [InlineData("Invoke-Sharpen -Radius -1", "InvokeSharpenCommand", "ParameterArgumentValidationError")]
    [InlineData("Invoke-Sharpen 2 -Amount -0.5", "InvokeSharpenCommand", "ParameterArgumentValidationError")]
    [InlineData("Invoke-Sharpen -Threshold 256", "InvokeSharpenCommand", "ParameterArgumentValidationError")]
    public void Bad_arguments_are_refused_at_binding_and_change_nothing(string command, string cmdlet, string errorId)
    {
        using CudaImage image = SquareImage();
        byte[] before = image.ToArray();
        using PowerShellSession session = new();
        PowerShellResult result = session.Run($"$image | {command}", new Dictionary<string, object?> { ["image"] = image });
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Equal($"{errorId},PhotoFF.Commands.{cmdlet}", error.FullyQualifiedErrorId);
        Assert.Empty(result.Output);
        Assert.Equal(before, image.ToArray());
    }

    [Fact]
    public void Color_names_complete_on_tab()
    {
        using PowerShellSession session = new();
        const string line = "Add-Stroke 2 -Color Cornflower";
        PowerShellResult result = session.Run(
            $"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches.CompletionText").ThrowOnErrors();
        Assert.Contains(result.Output, o => string.Equals(o?.ToString(), "CornflowerBlue", StringComparison.OrdinalIgnoreCase));
    }
}
