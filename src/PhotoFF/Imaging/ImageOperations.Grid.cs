using PhotoFF.Imaging.Operations;

namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>A new image holding <paramref name="images"/> in a grid (see <see cref="ImageGrid"/>); the inputs are
    /// not changed or disposed.</summary>
    public static CudaImage Join(IReadOnlyList<CudaImage> images, ImageGrid grid) =>
        Evaluate(images.Count > 0 ? images[0] : throw new ArgumentException("A grid needs at least one image.", nameof(images)), _ => grid.Build(images));
}
