namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Crop(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int x, int y, int width, int height)
    {
        CpuPixelBuffer input = Own(source);
        CpuPixelBuffer output = Own(destination);
        // The columns of the rectangle that lie inside the source; the same for every row.
        int left = (int)Math.Clamp(-(long)x, 0, width);
        int right = (int)Math.Clamp((long)sourceWidth - x, left, width);
        ForEachRow(width, height, dy =>
        {
            Span<uint> target = output.Pixels((long)width * height).Slice(dy * width, width);
            long sy = (long)y + dy;
            if (sy < 0 || sy >= sourceHeight || left == right)
            {
                target.Clear();
                return;
            }

            ReadOnlySpan<uint> row = input.Pixels((long)sourceWidth * sourceHeight).Slice((int)sy * sourceWidth, sourceWidth);
            target[..left].Clear();
            row.Slice(x + left, right - left).CopyTo(target[left..right]);
            target[right..].Clear();
        });
    }
}
