namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Adds a stroke of <paramref name="width"/> pixels around (or, <paramref name="inner"/>, inside) the
    /// image's shape; returns the same image.</summary>
    public static CudaImage Stroke(this CudaImage image, double width, Rgba color, bool inner = false) =>
        Apply(image, new Operations.Stroke(width, color, inner).Apply);
}
