using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Mirrors left-right and/or top-bottom, in place (at least one); returns the same image.</summary>
    public static CudaImage Flip(this CudaImage image, bool horizontal, bool vertical) => Apply(image, new Flip(horizontal, vertical).Apply);
}
