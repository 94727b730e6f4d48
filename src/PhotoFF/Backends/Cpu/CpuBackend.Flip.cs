namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Flip(PixelBuffer image, int width, int height, bool horizontal, bool vertical)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        if (horizontal && vertical)
        {
            // Reversing the whole image reverses both the rows and the order of the rows.
            pixels.Pixels(count).Reverse();
        }
        else if (horizontal)
        {
            ForEachRow(width, height, y => pixels.Pixels(count).Slice(y * width, width).Reverse());
        }
        else if (vertical)
        {
            ForEachRow(width, height / 2, y =>
            {
                Span<uint> all = pixels.Pixels(count);
                Span<uint> upper = all.Slice(y * width, width);
                Span<uint> lower = all.Slice((height - 1 - y) * width, width);
                for (int x = 0; x < width; x++)
                {
                    (upper[x], lower[x]) = (lower[x], upper[x]);
                }
            });
        }
    }
}
