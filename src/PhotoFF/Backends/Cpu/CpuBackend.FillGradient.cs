namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void FillGradient(PixelBuffer image, int width, int height, uint from, uint to,
        ReadOnlySpan<float> columnTerms, ReadOnlySpan<float> rowTerms, bool radial, bool seamless)
    {
        if (columnTerms.Length != width || rowTerms.Length != height)
        {
            throw new ArgumentException($"A {width}x{height} gradient takes {width} column terms and {height} row terms.");
        }

        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        float[] columns = columnTerms.ToArray();
        float[] rows = rowTerms.ToArray();
        bool vectorized = Vectorized;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            for (int x = vectorized ? VectorPixels.Gradient(row, columns, rows[y], from, to, radial, seamless) : 0; x < width; x++)
            {
                float t = columns[x] + rows[y];
                if (radial)
                {
                    t = MathF.Sqrt(t);
                }

                t = MathF.Min(MathF.Max(t, 0f), 1f);
                if (seamless)
                {
                    t = t < 0.5f ? t * 2f : (1f - t) * 2f;
                }

                row[x] = Blend(from, to, t, 0) | Blend(from, to, t, 8) << 8 | Blend(from, to, t, 16) << 16 | Blend(from, to, t, 24) << 24;
            }
        });

        static uint Blend(uint from, uint to, float t, int shift)
        {
            float a = (from >> shift) & 0xFF;
            float b = (to >> shift) & 0xFF;
            return Premultiplied.ToByte(MathF.FusedMultiplyAdd(t, b - a, a));
        }
    }
}
