namespace PhotoFF.Backends;

/// <summary>
/// Where a corner radius changes pixels: squares of ceil(radius) at each corner, the left and top ones ending at
/// <see cref="Left"/> and <see cref="Top"/>, the right and bottom ones starting at <see cref="Right"/> and
/// <see cref="Bottom"/>, no earlier, so that no pixel is in two of them. Every pixel outside them is fully inside the
/// rounded rectangle. Both backends visit these squares alone.
/// </summary>
internal readonly record struct CornerSquares(int Left, int Right, int Top, int Bottom)
{
    public static CornerSquares Of(int width, int height, float radius)
    {
        int reach = (int)MathF.Ceiling(radius);
        int left = Math.Min(reach, (width + 1) / 2);
        int top = Math.Min(reach, (height + 1) / 2);
        return new CornerSquares(left, Math.Max(width - reach, left), top, Math.Max(height - reach, top));
    }
}
