namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Adjusts brightness, contrast, gamma, invert and saturation, in that order; returns the same image.</summary>
    public static CudaImage ColorAdjustment(this CudaImage image, double brightness = 0, double contrast = 0, double saturation = 1, double gamma = 1,
        bool invert = false) =>
        Apply(image, new Operations.ColorAdjustment(brightness, contrast, saturation, gamma, invert).Apply);
}
