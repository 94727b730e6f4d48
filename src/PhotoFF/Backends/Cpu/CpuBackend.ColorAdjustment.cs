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
        bool vectorized = Vectorized;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            for (int x = 0; x < row.Length; x++)
            {
                row[x] = Map(row[x], map);
            }

            if (saturation != 1f)
            {
                for (int x = vectorized ? VectorPixels.Saturate(row, saturation) : 0; x < row.Length; x++)
                {
                    row[x] = Saturate(row[x], saturation);
                }
            }
        });
    }

    /// <summary>R, G and B through the table; alpha kept.</summary>
    private static uint Map(uint p, byte[] map) => map[p & 0xFF] | (uint)map[(p >> 8) & 0xFF] << 8 | (uint)map[(p >> 16) & 0xFF] << 16 | (p & 0xFF000000u);

    /// <summary>Each of R, G and B moved from the luma L to round(fma(saturation, c - L, L)); alpha kept.</summary>
    private static uint Saturate(uint p, float saturation)
    {
        uint r = p & 0xFF, g = (p >> 8) & 0xFF, b = (p >> 16) & 0xFF;
        float luma = Luma.Of(r, g, b);
        r = Premultiplied.ToByte(MathF.FusedMultiplyAdd(saturation, r - luma, luma));
        g = Premultiplied.ToByte(MathF.FusedMultiplyAdd(saturation, g - luma, luma));
        b = Premultiplied.ToByte(MathF.FusedMultiplyAdd(saturation, b - luma, luma));
        return r | g << 8 | b << 16 | (p & 0xFF000000u);
    }
}
