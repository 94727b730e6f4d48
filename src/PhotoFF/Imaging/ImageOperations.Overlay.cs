using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Composites <paramref name="overlay"/> over the image with its top-left corner at (<paramref name="x"/>,
    /// <paramref name="y"/>), source-over, its alpha scaled by <paramref name="opacity"/>; returns the same image.</summary>
    public static CudaImage Overlay(this CudaImage image, CudaImage overlay, int x, int y, double opacity = 1.0) =>
        Apply(image, new Overlay(overlay, x, y, opacity).Apply);

    /// <summary>Composites <paramref name="overlay"/> at an anchor of the image, moved by the offsets (positive: right
    /// and down); returns the same image.</summary>
    public static CudaImage Overlay(this CudaImage image, CudaImage overlay, Anchor alignment, int offsetX = 0, int offsetY = 0, double opacity = 1.0) =>
        Apply(image, new Overlay(overlay, offsetX, offsetY, opacity, alignment).Apply);
}
