using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Operations;

public sealed class ConvertTests
{
    [Fact]
    public void Raw_bytes_round_trip_exactly()
    {
        byte[] pixels = RandomImages.Rgba(13, 7, seed: 21);
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("""
            $image = ConvertTo-CudaImage -InputObject $pixels -Raw -Width 13 -Height 7
            $image.Width; $image.Height
            $image | ConvertFrom-CudaImage -Raw
            $image.IsDisposed
            """, new Dictionary<string, object?> { ["pixels"] = pixels }).ThrowOnErrors();
        Assert.Equal(13, result.Output[0]);
        Assert.Equal(7, result.Output[1]);
        Assert.Equal(pixels, Assert.IsType<byte[]>(result.Output[2]));
        Assert.Equal(false, result.Output[3]);
        Assert.Equal(4, result.Output.Count);
    }

    [Fact]
    public void An_array_unrolled_by_the_pipeline_is_gathered_into_one_image()
    {
        byte[] pixels = RandomImages.Rgba(3, 2, seed: 22);
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("""
            $pixels | ConvertTo-CudaImage -Raw -Width 3 -Height 2 | ConvertFrom-CudaImage -Raw
            ,$pixels | ConvertTo-CudaImage -Raw -Width 3 -Height 2 | ConvertFrom-CudaImage -Raw
            """, new Dictionary<string, object?> { ["pixels"] = pixels }).ThrowOnErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, bytes => Assert.Equal(pixels, Assert.IsType<byte[]>(bytes)));
    }

    [Fact]
    public void Raw_bytes_of_the_wrong_length_are_a_clear_error()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("ConvertTo-CudaImage -InputObject ([byte[]]::new(10)) -Raw -Width 2 -Height 2");
        Assert.Empty(result.Output);
        Assert.Equal("ConvertToCudaImageRawSizeMismatch,PhotoFF.Commands.ConvertToCudaImageCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Contains("2x2 raw RGBA image has 16 bytes; 10 were given", result.Errors[0].Exception.Message);
    }

    [Theory]
    [InlineData("ConvertTo-CudaImage -InputObject ([byte[]]::new(4)) -Raw -Width 0 -Height 1", "ParameterArgumentValidationError,PhotoFF.Commands.ConvertToCudaImageCommand")]
    [InlineData("ConvertTo-CudaImage -InputObject $null -Raw -Width 1 -Height 1", "ParameterArgumentValidationError,PhotoFF.Commands.ConvertToCudaImageCommand")]
    [InlineData("ConvertFrom-CudaImage -InputObject $null -Raw", "ParameterArgumentValidationError,PhotoFF.Commands.ConvertFromCudaImageCommand")]
    public void Bad_arguments_are_refused_at_binding(string script, string errorId)
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run(script);
        Assert.Empty(result.Output);
        string id = result.Errors.Count > 0 ? result.Errors[0].FullyQualifiedErrorId : ((System.Management.Automation.IContainsErrorRecord)result.Terminating!).ErrorRecord.FullyQualifiedErrorId;
        Assert.Equal(errorId, id);
    }

    [Fact]
    public void A_disposed_image_is_reported_and_the_rest_converted()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("""
            $gone = New-CudaImage 1 1; Remove-CudaImage $gone
            $gone, (New-CudaImage 1 1 White) | ConvertFrom-CudaImage -Raw
            """);
        Assert.Equal("ConvertFromCudaImageFailed,PhotoFF.Commands.ConvertFromCudaImageCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(new byte[] { 255, 255, 255, 255 }, Assert.IsType<byte[]>(Assert.Single(result.Output)));
    }
}
