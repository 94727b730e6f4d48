using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Multiplies alpha by <paramref name="opacity"/> (0..1); returns the same image.</summary>
    public static CudaImage SetOpacity(this CudaImage image, double opacity) => Apply(image, new Opacity(opacity).Apply);
}
