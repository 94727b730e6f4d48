namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Opacity(PixelBuffer image, int width, int height, float opacity)
    {
        CpuPixelBuffer pixels = Own(image);
        long count = (long)width * height;
        bool vectorized = Vectorized;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            for (int x = vectorized ? VectorPixels.Opacity(row, opacity) : 0; x < row.Length; x++)
            {
                uint alpha = Premultiplied.ToByte((row[x] >> 24) * opacity);
                row[x] = (row[x] & 0x00FFFFFFu) | alpha << 24;
            }
        });
    }
}
