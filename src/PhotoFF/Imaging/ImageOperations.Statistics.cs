using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Per-channel minimum, maximum, mean and standard deviation; with <paramref name="histogram"/>, each
    /// channel's 256-bin histogram too.</summary>
    public static ImageStatistics Measure(this CudaImage image, bool histogram = false) => Evaluate(image, new MeasureStatistics(histogram).Apply);

    /// <summary>Compares <paramref name="image"/> with <paramref name="reference"/> (same size); with
    /// <paramref name="differenceImage"/>, the result carries a new image of |a - b|, which the caller disposes.</summary>
    public static ImageComparison Compare(this CudaImage image, CudaImage reference, bool differenceImage = false) =>
        Evaluate(image, i => new CompareImages(differenceImage).Apply(i, reference));
}
