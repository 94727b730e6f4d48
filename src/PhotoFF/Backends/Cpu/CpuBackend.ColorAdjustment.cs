namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void ColorAdjustment(PixelBuffer image, int width, int height, ReadOnlySpan<byte> table, float saturation)
    {
        if (table.Length != 256)
        {
            throw new ArgumentException($"The table has 256 entries, not {table.Length}.", nameof(table));
        }

        CpuPixelBuffer pixels = Own(image);
        long count = (long)width * height;
        byte[] map = table.ToArray();
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            for (int x = 0; x < row.Length; x++)
            {
                uint p = row[x];
                uint r = map[p & 0xFF], g = map[(p >> 8) & 0xFF], b = map[(p >> 16) & 0xFF];
                if (saturation != 1f)
                {
                    float luma = Luma.Of(r, g, b);
                    r = Premultiplied.ToByte(MathF.FusedMultiplyAdd(saturation, r - luma, luma));
                    g = Premultiplied.ToByte(MathF.FusedMultiplyAdd(saturation, g - luma, luma));
                    b = Premultiplied.ToByte(MathF.FusedMultiplyAdd(saturation, b - luma, luma));
                }

                row[x] = r | g << 8 | b << 16 | (p & 0xFF000000u);
            }
        });
    }
}
