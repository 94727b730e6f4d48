namespace PhotoFF.Imaging;

/// <summary>
/// What Compare-CudaImage reports for an image against a reference of the same size, from exact integer counts:
/// <c>(Compare-CudaImage $actual $expected).MaxDifference | Should -BeLessOrEqual 1</c>.
/// </summary>
public sealed record ImageComparison
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required long PixelCount { get; init; }

    /// <summary>The largest |a - b| over every channel of every pixel, 0 to 255.</summary>
    public required int MaxDifference { get; init; }

    /// <summary>The largest |a - b| of each channel.</summary>
    public required ChannelValues ChannelMaxDifference { get; init; }

    /// <summary>The number of pixels in which at least one channel differs.</summary>
    public required long DifferentPixels { get; init; }

    /// <summary>The mean of |a - b| over all four channels of all pixels.</summary>
    public required double MeanAbsoluteError { get; init; }

    /// <summary>Peak signal-to-noise ratio in dB over all four channels, 10 log10(255^2 / MSE); +Infinity when identical.</summary>
    public required double Psnr { get; init; }

    /// <summary>True when every channel of every pixel is equal.</summary>
    public bool Identical => DifferentPixels == 0;

    /// <summary>With -DifferenceImage: |a - b| for R, G and B with alpha 255 (the alpha difference is not shown); otherwise null.</summary>
    public CudaImage? DifferenceImage { get; init; }

    /// <summary>The file the compared image was read from, if any.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The file the reference was read from, if any.</summary>
    public string? ReferencePath { get; init; }
}
