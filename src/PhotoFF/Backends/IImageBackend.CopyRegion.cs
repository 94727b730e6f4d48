namespace PhotoFF.Backends;

public partial interface IImageBackend
{
    /// <summary>
    /// Copies the whole <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> source into the destination
    /// with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>), which may lie outside the destination:
    /// the part outside is clipped. Pixels are copied as they are (no blending); the rest of the destination is kept.
    /// </summary>
    void CopyRegion(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int destinationWidth, int destinationHeight, int x, int y);
}
