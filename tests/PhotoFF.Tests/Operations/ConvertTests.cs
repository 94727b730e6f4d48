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

    [Fact]
    public void Png_bytes_round_trip_exactly_and_streams_work_both_ways()
    {
        byte[] pixels = RandomImages.Rgba(33, 17, seed: 23);
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("""
            $image = ConvertTo-CudaImage -InputObject $pixels -Raw -Width 33 -Height 17
            $png = $image | ConvertFrom-CudaImage
            ,$png
            ,$png | ConvertTo-CudaImage | ConvertFrom-CudaImage -Raw
            $png | ConvertTo-CudaImage | ConvertFrom-CudaImage -Raw
            $stream = [IO.MemoryStream]::new()
            $image | ConvertFrom-CudaImage -Format Png -Stream $stream
            $stream.Position = 0
            $stream | ConvertTo-CudaImage | ConvertFrom-CudaImage -Raw
            """, new Dictionary<string, object?> { ["pixels"] = pixels }).ThrowOnErrors();
        Assert.Equal(4, result.Output.Count);
        byte[] png = Assert.IsType<byte[]>(result.Output[0]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.All(result.Output.Skip(1), decoded => Assert.Equal(pixels, Assert.IsType<byte[]>(decoded)));
    }

    [Theory]
    [InlineData("Png", "89504E47", 0)]
    [InlineData("Jpeg", "FFD8FF", 0)]
    [InlineData("Webp", "57454250", 8)]
    [InlineData("Tiff", "", 0)]
    [InlineData("Gif", "474946", 0)]
    [InlineData("Avif", "66747970", 4)]
    public void Each_format_encodes_and_decodes(string format, string magic, int offset)
    {
        byte[] pixels = RandomImages.Opaque(24, 16, seed: 24);
        using PowerShellSession session = new();
        PowerShellResult result = session.Run($"""
            $encoded = ConvertTo-CudaImage -InputObject $pixels -Raw -Width 24 -Height 16 | ConvertFrom-CudaImage -Format {format}
            ,$encoded
            $back = ,$encoded | ConvertTo-CudaImage
            $back.Width; $back.Height
            """, new Dictionary<string, object?> { ["pixels"] = pixels }).ThrowOnErrors();
        byte[] encoded = Assert.IsType<byte[]>(result.Output[0]);
        Assert.Equal(magic, Convert.ToHexString(encoded, offset, magic.Length / 2));
        Assert.Equal(24, result.Output[1]);
        Assert.Equal(16, result.Output[2]);
    }

    [Fact]
    public void Jpeg_quality_is_honoured()
    {
        byte[] pixels = RandomImages.Opaque(64, 64, seed: 25);
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("""
            $image = ConvertTo-CudaImage -InputObject $pixels -Raw -Width 64 -Height 64
            ($image | ConvertFrom-CudaImage -Format Jpeg -Quality 10).Length
            ($image | ConvertFrom-CudaImage -Format Jpeg -Quality 95).Length
            """, new Dictionary<string, object?> { ["pixels"] = pixels }).ThrowOnErrors();
        Assert.True((int)result.Output[0]! < (int)result.Output[1]!);
    }

    [Fact]
    public void Bytes_that_are_no_image_are_a_clear_error_and_the_rest_goes_on()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("""
            $good = New-CudaImage 2 2 White | ConvertFrom-CudaImage
            ([byte[]](1, 2, 3, 4, 5)), $good | ForEach-Object { ,$_ } | ConvertTo-CudaImage
            """);
        ErrorRecordAssert(result, "UnsupportedImageFormat,PhotoFF.Commands.ConvertToCudaImageCommand");
        Assert.IsType<CudaImage>(Assert.Single(result.Output));
    }

    [Fact]
    public void Quality_out_of_range_is_refused_at_binding()
    {
        using PowerShellSession session = new();
        PowerShellResult result = session.Run("New-CudaImage 1 1 | ConvertFrom-CudaImage -Format Jpeg -Quality 0");
        Assert.Empty(result.Output);
        ErrorRecordAssert(result, "ParameterArgumentValidationError,PhotoFF.Commands.ConvertFromCudaImageCommand");
    }

    private static void ErrorRecordAssert(PowerShellResult result, string errorId)
    {
        string id = result.Errors.Count > 0 ? result.Errors[0].FullyQualifiedErrorId : ((System.Management.Automation.IContainsErrorRecord)result.Terminating!).ErrorRecord.FullyQualifiedErrorId;
        Assert.Equal(errorId, id);
    }
}
