using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Replaces R, G, B with the luma 0.299 R + 0.587 G + 0.114 B; returns the same image.</summary>
    public static CudaImage Grayscale(this CudaImage image) => Apply(image, new Grayscale().Apply);
}
