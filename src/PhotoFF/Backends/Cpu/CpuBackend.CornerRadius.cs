namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void CornerRadius(PixelBuffer image, int width, int height, float radius)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float coverage = RoundedRectangle.Coverage(x, y, width, height, radius);
                if (coverage < 1f)
                {
                    uint alpha = Premultiplied.ToByte((row[x] >> 24) * coverage);
                    row[x] = alpha == 0 ? 0 : (row[x] & 0x00FFFFFFu) | alpha << 24;
                }
            }
        });
    }
}
