namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Resizes to <paramref name="width"/> and/or <paramref name="height"/> (one alone keeps the aspect
    /// ratio); returns the same image.</summary>
    public static CudaImage Resize(this CudaImage image, int? width, int? height, ResizeFit fit = Operations.Resize.DefaultFit,
        ResizeInterpolation interpolation = Operations.Resize.DefaultInterpolation, Rgba? background = null, bool shrinkOnly = false) =>
        Apply(image, Operations.Resize.ToSize(width, height, fit, interpolation, background, shrinkOnly).Apply);

    /// <summary>Resizes by <paramref name="scale"/> along both axes; returns the same image.</summary>
    public static CudaImage ResizeByScale(this CudaImage image, double scale, ResizeInterpolation interpolation = Operations.Resize.DefaultInterpolation,
        bool shrinkOnly = false) =>
        Apply(image, Operations.Resize.ByScale(scale, interpolation, shrinkOnly).Apply);
}
