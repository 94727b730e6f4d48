namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Sharpens with an unsharp mask (blur sigma = <paramref name="radius"/> / 2); returns the same image.</summary>
    public static CudaImage Sharpen(this CudaImage image, double radius, double amount, int threshold = 0) =>
        Apply(image, new Operations.Sharpen(radius, amount, threshold).Apply);
}
