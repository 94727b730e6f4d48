namespace PhotoFF.Backends;

internal partial interface IImageBackend
{
    /// <summary>
    /// Copies the <paramref name="width"/> x <paramref name="height"/> rectangle at (<paramref name="sourceX"/>,
    /// <paramref name="sourceY"/>) of the source into the destination with its top-left corner at (<paramref name="x"/>,
    /// <paramref name="y"/>). Whatever falls outside the source or the destination is skipped (coordinates may be
    /// negative). Pixels are copied as they are, not blended; the rest of the destination is kept. Source and
    /// destination are different buffers.
    /// </summary>
    void CopyRegion(PixelBuffer source, int sourceWidth, int sourceHeight, int sourceX, int sourceY, int width, int height,
        PixelBuffer destination, int destinationWidth, int destinationHeight, int x, int y);
}
