namespace PhotoFF.Backends;

/// <summary>The part of a source placed at (x, y) that falls inside a destination, in source coordinates:
/// columns [Left, Right) and rows [Top, Bottom). Empty when nothing of the source is visible.</summary>
internal readonly record struct ClippedRegion(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;

    public int Height => Bottom - Top;

    public bool IsEmpty => Left >= Right || Top >= Bottom;

    public static ClippedRegion Of(int sourceWidth, int sourceHeight, int destinationWidth, int destinationHeight, int x, int y) => new(
        (int)Math.Clamp(-(long)x, 0, sourceWidth),
        (int)Math.Clamp(-(long)y, 0, sourceHeight),
        (int)Math.Clamp((long)destinationWidth - x, 0, sourceWidth),
        (int)Math.Clamp((long)destinationHeight - y, 0, sourceHeight));
}
