namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Multiplies alpha by <paramref name="opacity"/> (0..1); returns the same image.</summary>
    public static CudaImage Opacity(this CudaImage image, double opacity) => Apply(image, new Operations.Opacity(opacity).Apply);
}
