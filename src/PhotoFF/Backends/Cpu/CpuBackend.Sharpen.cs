namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Sharpen(PixelBuffer image, PixelBuffer blurred, int width, int height, float amount, int threshold)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        CpuPixelBuffer blur = Own(blurred);
        bool vectorized = Vectorized;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            ReadOnlySpan<uint> soft = blur.Pixels(count).Slice(y * width, width);
            for (int x = vectorized ? VectorPixels.Sharpen(row, soft, amount, threshold) : 0; x < width; x++)
            {
                uint pixel = row[x];
                if (pixel >> 24 == 0)
                {
                    continue;
                }

                row[x] = Sharpen(pixel, soft[x], amount, threshold, 0) | Sharpen(pixel, soft[x], amount, threshold, 8) |
                    Sharpen(pixel, soft[x], amount, threshold, 16) | (pixel & 0xFF000000u);
            }
        });
    }

    private static uint Sharpen(uint pixel, uint blurred, float amount, int threshold, int shift)
    {
        int value = (int)((pixel >> shift) & 0xFF);
        int difference = value - (int)((blurred >> shift) & 0xFF);
        uint result = Math.Abs(difference) > threshold ? Premultiplied.ToByte(MathF.FusedMultiplyAdd(amount, difference, value)) : (uint)value;
        return result << shift;
    }
}
