namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <summary>
    /// Only the four corner squares are visited, as <c>kernels/corner_radius.cu</c> does: every other pixel is fully inside
    /// the rounded rectangle (its coverage is exactly 1) and stays as it is, so the result is the one of visiting them all.
    /// </summary>
    public void CornerRadius(PixelBuffer image, int width, int height, float radius)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        (int left, int right, int top, int bottom) = CornerSquares.Of(width, height, radius);
        int rows = top + (height - bottom);
        ForEachRow(left + (width - right), rows, band =>
        {
            int y = band < top ? band : bottom + (band - top);
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            RoundCorners(row, 0, left, y, width, height, radius);
            RoundCorners(row, right, width, y, width, height, radius);
        });
    }

    private static void RoundCorners(Span<uint> row, int from, int to, int y, int width, int height, float radius)
    {
        for (int x = from; x < to; x++)
        {
            float coverage = RoundedRectangle.Coverage(x, y, width, height, radius);
            if (coverage < 1f)
            {
                uint alpha = Premultiplied.ToByte((row[x] >> 24) * coverage);
                row[x] = alpha == 0 ? 0 : (row[x] & 0x00FFFFFFu) | alpha << 24;
            }
        }
    }
}
