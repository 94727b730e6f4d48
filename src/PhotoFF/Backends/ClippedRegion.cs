namespace PhotoFF.Backends;

/// <summary>
/// What <see cref="IImageBackend.CopyRegion"/> really copies: source columns [Left, Right) and rows [Top, Bottom),
/// each source pixel (s, t) going to (s + OffsetX, t + OffsetY) of the destination. Empty when nothing is visible.
/// </summary>
internal readonly record struct ClippedRegion(int Left, int Top, int Right, int Bottom, int OffsetX, int OffsetY)
{
    public int Width => Right - Left;

    public int Height => Bottom - Top;

    public bool IsEmpty => Left >= Right || Top >= Bottom;

    /// <summary>The covered rectangle in destination coordinates: [left, right) x [top, bottom).</summary>
    public (int Left, int Top, int Right, int Bottom) Destination => (Left + OffsetX, Top + OffsetY, Right + OffsetX, Bottom + OffsetY);

    /// <summary>A whole <paramref name="width"/> x <paramref name="height"/> image placed at (<paramref name="x"/>,
    /// <paramref name="y"/>) on a destination, clipped to it.</summary>
    public static ClippedRegion Placed(int width, int height, int destinationWidth, int destinationHeight, int x, int y) =>
        Of(width, height, 0, 0, width, height, destinationWidth, destinationHeight, x, y);

    /// <summary>The rectangle (<paramref name="sourceX"/>, <paramref name="sourceY"/>, <paramref name="width"/>,
    /// <paramref name="height"/>) of the source placed at (<paramref name="x"/>, <paramref name="y"/>), clipped to the
    /// source and to the destination.</summary>
    public static ClippedRegion Of(int sourceWidth, int sourceHeight, int sourceX, int sourceY, int width, int height,
        int destinationWidth, int destinationHeight, int x, int y)
    {
        long offsetX = (long)x - sourceX;
        long offsetY = (long)y - sourceY;
        long left = Math.Max(Math.Max(sourceX, 0L), -offsetX);
        long top = Math.Max(Math.Max(sourceY, 0L), -offsetY);
        long right = Math.Min(Math.Min((long)sourceX + width, sourceWidth), destinationWidth - offsetX);
        long bottom = Math.Min(Math.Min((long)sourceY + height, sourceHeight), destinationHeight - offsetY);
        if (left >= right || top >= bottom)
        {
            return default;
        }

        return new ClippedRegion((int)left, (int)top, (int)right, (int)bottom, (int)offsetX, (int)offsetY);
    }
}
