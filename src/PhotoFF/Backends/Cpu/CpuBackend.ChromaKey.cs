namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void ChromaKey(PixelBuffer image, PixelBuffer key, int width, int height, int channel, int threshold, bool invert, bool zeroAllChannels)
    {
        CpuPixelBuffer pixels = Own(image);
        CpuPixelBuffer keys = Own(key);
        long count = (long)width * height;
        int shift = channel * 8;
        bool vectorized = Vectorized;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            Span<uint> keyRow = keys.Pixels(count).Slice(y * width, width);
            for (int x = vectorized ? VectorPixels.KeyByChannel(row, keyRow, shift, threshold, invert, zeroAllChannels) : 0; x < row.Length; x++)
            {
                int value = (int)((keyRow[x] >> shift) & 0xFF);
                bool keyed = invert ? value <= threshold : value > threshold;
                if (keyed)
                {
                    row[x] = zeroAllChannels ? 0u : row[x] & 0x00FFFFFFu;
                }
            }
        });
    }

    public void ColorKey(PixelBuffer image, int width, int height, uint keyRgba, float tolerance, float softness, int spillChannel)
    {
        CpuPixelBuffer pixels = Own(image);
        long count = (long)width * height;
        float keyR = keyRgba & 0xFF, keyG = (keyRgba >> 8) & 0xFF, keyB = (keyRgba >> 16) & 0xFF;
        bool vectorized = Vectorized;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            for (int x = vectorized ? VectorPixels.ColorKey(row, keyR, keyG, keyB, tolerance, softness, spillChannel) : 0; x < row.Length; x++)
            {
                uint p = row[x];
                uint r = p & 0xFF, g = (p >> 8) & 0xFF, b = (p >> 16) & 0xFF, alpha = p >> 24;
                float dr = r - keyR;
                float dg = g - keyG;
                float db = b - keyB;
                float sum = dr * dr;
                sum = MathF.FusedMultiplyAdd(dg, dg, sum);
                sum = MathF.FusedMultiplyAdd(db, db, sum);
                float distance = MathF.Sqrt(sum);
                float t = softness > 0f
                    ? Math.Clamp((distance - tolerance) / softness, 0f, 1f)
                    : distance > tolerance ? 1f : 0f;
                if (t < 1f)
                {
                    alpha = Premultiplied.ToByte(alpha * t);
                    if (alpha == 0)
                    {
                        row[x] = 0;
                        continue;
                    }
                }

                switch (spillChannel)
                {
                    case 0: r = Math.Min(r, (g + b + 1) >> 1); break;
                    case 1: g = Math.Min(g, (r + b + 1) >> 1); break;
                    case 2: b = Math.Min(b, (r + g + 1) >> 1); break;
                }

                row[x] = r | g << 8 | b << 16 | alpha << 24;
            }
        });
    }
}
