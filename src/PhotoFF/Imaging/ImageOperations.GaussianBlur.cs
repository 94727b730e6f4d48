namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Blurs with sigma = <paramref name="radius"/> / 2; returns the same image.</summary>
    public static CudaImage GaussianBlur(this CudaImage image, double radius) => Apply(image, Operations.GaussianBlur.FromRadius(radius).Apply);

    /// <summary>Blurs with the given <paramref name="sigma"/>; returns the same image.</summary>
    public static CudaImage GaussianBlurSigma(this CudaImage image, double sigma) => Apply(image, new Operations.GaussianBlur(sigma).Apply);
}
