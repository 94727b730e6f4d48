using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Compares an image with a reference of the same size: largest difference (overall and per channel), the number of
/// pixels that differ, mean absolute error and PSNR over all four channels, all from exact integer counts, so the
/// result is the same on every backend. Optionally a new image of |a - b| (R, G, B; alpha 255 so that it is visible).
/// A reference on another backend is copied over for the comparison.
/// </summary>
public sealed record Compare(bool IncludeDifferenceImage = false)
{
    private const double Peak = 255.0;

    internal ImageComparison Apply(CudaImage image, CudaImage reference)
    {
        SameImageGuard.Check(image, reference, "The reference image is the same image object as the image compared with it, so they can only be identical.");
        if (image.Width != reference.Width || image.Height != reference.Height)
        {
            throw new ImageSizeMismatchException(
                $"The images differ in size: {image.Width}x{image.Height} and the reference {reference.Width}x{reference.Height}; only images of the same size can be compared.",
                nameof(reference));
        }

        CudaImage? transferred = ReferenceEquals(reference.Backend, image.Backend)
            ? null
            : CudaImage.FromPixels(reference.ToArray(), reference.Width, reference.Height, image.Backend);
        CudaImage? difference = IncludeDifferenceImage ? CudaImage.Create(image.Width, image.Height, null, image.Backend) : null;
        try
        {
            const int bins = IImageBackend.HistogramBins;
            uint[] histograms = new uint[5 * bins];
            image.Backend.DifferenceHistograms(image.Pixels, (transferred ?? reference).Pixels, image.Width, image.Height, difference?.Pixels, histograms);
            return Summarize(image, reference, histograms, difference);
        }
        catch
        {
            difference?.Dispose();
            throw;
        }
        finally
        {
            transferred?.Dispose();
        }
    }

    private static ImageComparison Summarize(CudaImage image, CudaImage reference, uint[] histograms, CudaImage? difference)
    {
        const int bins = IImageBackend.HistogramBins;
        int[] channelMax = new int[4];
        ulong sumAbsolute = 0;
        ulong sumSquares = 0;
        for (int c = 0; c < 4; c++)
        {
            for (int d = 0; d < bins; d++)
            {
                ulong n = histograms[c * bins + d];
                if (n != 0)
                {
                    channelMax[c] = d;
                    sumAbsolute += (ulong)d * n;
                    sumSquares += (ulong)(d * d) * n;
                }
            }
        }

        long pixels = image.PixelCount;
        double samples = 4.0 * pixels;
        return new ImageComparison
        {
            Width = image.Width,
            Height = image.Height,
            PixelCount = pixels,
            MaxDifference = channelMax.Max(),
            ChannelMaxDifference = new ChannelValues(channelMax[0], channelMax[1], channelMax[2], channelMax[3]),
            DifferentPixels = pixels - histograms[4 * bins],
            MeanAbsoluteError = sumAbsolute / samples,
            Psnr = sumSquares == 0 ? double.PositiveInfinity : 10.0 * Math.Log10(Peak * Peak * samples / sumSquares),
            DifferenceImage = difference,
            SourcePath = image.SourcePath,
            ReferencePath = reference.SourcePath,
        };
    }
}
