namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Copies the <paramref name="width"/> x <paramref name="height"/> rectangle at (<paramref name="x"/>,
    /// <paramref name="y"/>) of <paramref name="source"/> (<paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>)
    /// into <paramref name="destination"/>, pixel for pixel; where the rectangle lies outside the source the destination
    /// is transparent (0). <paramref name="x"/> and <paramref name="y"/> may be negative.
    /// </summary>
    void Crop(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int x, int y, int width, int height);
}
