namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Grayscale(PixelBuffer image, int width, int height)
    {
        CpuPixelBuffer pixels = Own(image);
        long count = (long)width * height;
        bool vectorized = Vectorized;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            for (int x = vectorized ? VectorPixels.Grayscale(row) : 0; x < row.Length; x++)
            {
                uint p = row[x];
                uint gray = Premultiplied.ToByte(Luma.Of(p & 0xFF, (p >> 8) & 0xFF, (p >> 16) & 0xFF));
                row[x] = gray | gray << 8 | gray << 16 | (p & 0xFF000000u);
            }
        });
    }
}
