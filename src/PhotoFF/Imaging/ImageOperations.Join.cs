namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>A new image holding <paramref name="images"/> in a grid (see <see cref="Operations.Join"/>); the inputs are
    /// not changed or disposed.</summary>
    public static CudaImage Join(IReadOnlyList<CudaImage> images, Operations.Join grid) =>
        Evaluate(images.Count > 0 ? images[0] : throw new ArgumentException("A grid needs at least one image.", nameof(images)), _ => grid.Build(images));
}
