namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Per-channel minimum, maximum, mean and standard deviation; with <paramref name="histogram"/>, each
    /// channel's 256-bin histogram too.</summary>
    public static ImageStatistics Measure(this CudaImage image, bool histogram = false) => Evaluate(image, new Operations.Measure(histogram).Apply);
}
