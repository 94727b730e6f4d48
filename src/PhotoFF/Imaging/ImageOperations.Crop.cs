namespace PhotoFF.Imaging;

public static partial class ImageOperations
{
    /// <summary>Crops to the rectangle at (<paramref name="x"/>, <paramref name="y"/>); parts outside the image become
    /// transparent, or with <paramref name="strict"/> such a rectangle is refused. Returns the same image.</summary>
    public static CudaImage Crop(this CudaImage image, int x, int y, int width, int height, bool strict = false) =>
        Apply(image, Operations.Crop.Rectangle(x, y, width, height, strict).Apply);

    /// <summary>Crops margins given as in CSS (1, 2 or 4 values); returns the same image.</summary>
    public static CudaImage CropMargins(this CudaImage image, params int[] margins) => Apply(image, Operations.Crop.FromMargins(margins).Apply);
}
