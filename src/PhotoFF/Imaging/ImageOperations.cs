using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

/// <summary>The .NET entry points: one line each, building the operation's definition and applying it. Each
/// operation adds its own in a partial file <c>ImageOperations.*.cs</c>.</summary>
public static partial class ImageOperations
{
    /// <summary>Blurs with sigma = <paramref name="radius"/> / 2; returns the same image.</summary>
    public static CudaImage GaussianBlur(this CudaImage image, double radius) => Apply(image, Operations.GaussianBlur.FromRadius(radius).Apply);

    public static CudaImage GaussianBlurSigma(this CudaImage image, double sigma) => Apply(image, new GaussianBlur(sigma).Apply);

    public static CudaImage CornerRadius(this CudaImage image, double radius) => Apply(image, new CornerRadius(radius).Apply);

    /// <summary>Runs an operation, reporting a CUDA fault to the selector so that a broken context is rebuilt.</summary>
    internal static CudaImage Apply(CudaImage image, Action<CudaImage> operation)
    {
        try
        {
            operation(image);
            return image;
        }
        catch (Exception error)
        {
            BackendSelector.ReportFault(image.Backend, error);
            throw;
        }
    }
}
