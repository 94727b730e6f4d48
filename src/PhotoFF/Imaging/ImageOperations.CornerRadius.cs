namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Rounds the four corners with an anti-aliased edge of <paramref name="radius"/> pixels; returns the same image.</summary>
    public static CudaImage CornerRadius(this CudaImage image, double radius) => Apply(image, new Operations.CornerRadius(radius).Apply);
}
