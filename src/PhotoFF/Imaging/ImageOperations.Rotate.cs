using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Rotates clockwise by <paramref name="angle"/> degrees about the centre (exact for multiples of 90; any
    /// other angle expands the canvas, uncovered area <paramref name="background"/>); returns the same image.</summary>
    public static CudaImage Rotate(this CudaImage image, double angle, Rgba background = default) =>
        Apply(image, new Rotate(angle, background).Apply);
}
