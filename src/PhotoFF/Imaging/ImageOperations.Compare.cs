namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Compares <paramref name="image"/> with <paramref name="reference"/> (same size); with
    /// <paramref name="differenceImage"/>, the result carries a new image of |a - b|, which the caller disposes.</summary>
    public static ImageComparison Compare(this CudaImage image, CudaImage reference, bool differenceImage = false) =>
        Evaluate(image, i => new Operations.Compare(differenceImage).Apply(i, reference));
}
