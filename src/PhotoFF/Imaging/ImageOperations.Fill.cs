using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Overwrites every pixel with <paramref name="color"/>; returns the same image.</summary>
    public static CudaImage FillColor(this CudaImage image, Rgba color) => Apply(image, new FillColor(color).Apply);

    /// <summary>Overwrites every pixel with a gradient from <paramref name="from"/> to <paramref name="to"/>; returns the same image.</summary>
    public static CudaImage FillGradient(this CudaImage image, Rgba from, Rgba to, GradientDirection direction, bool seamless = false) =>
        Apply(image, new FillGradient(from, to, direction, seamless).Apply);
}
