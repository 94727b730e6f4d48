namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Adds a drop shadow under (or, <paramref name="inner"/>, an inner shadow inside) the image's shape;
    /// returns the same image.</summary>
    public static CudaImage Shadow(this CudaImage image, double radius, double intensity, Rgba color, int offsetX = 0, int offsetY = 0, bool inner = false) =>
        Apply(image, new Operations.Shadow(radius, intensity, color, offsetX, offsetY, inner).Apply);
}
