namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void GaussianBlur(PixelBuffer source, PixelBuffer destination, int width, int height, ReadOnlySpan<float> weights)
    {
        long count = (long)width * height;
        float[] kernel = weights.ToArray();
        int half = kernel.Length / 2;
        CpuPixelBuffer input = Own(source);
        CpuPixelBuffer output = Own(destination);
        if (Vectorized && kernel.Length >= 3)
        {
            VectorGaussianBlur.Run(input, output, width, height, kernel, WideVectors);
            return;
        }

        float[] horizontal = GC.AllocateUninitializedArray<float>(checked((int)(count * 4)));

        // Horizontal pass on premultiplied values into a float intermediate, accumulating taps left to right.
        ForEachRow(width, height, y =>
        {
            ReadOnlySpan<uint> row = input.Pixels(count).Slice(y * width, width);
            Span<float> target = horizontal.AsSpan(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                float r = 0, g = 0, b = 0, a = 0;
                for (int i = 0; i < kernel.Length; i++)
                {
                    (float pr, float pg, float pb, float pa) = Premultiplied.FromRgba(row[Math.Clamp(x + i - half, 0, width - 1)]);
                    r = MathF.FusedMultiplyAdd(kernel[i], pr, r);
                    g = MathF.FusedMultiplyAdd(kernel[i], pg, g);
                    b = MathF.FusedMultiplyAdd(kernel[i], pb, b);
                    a = MathF.FusedMultiplyAdd(kernel[i], pa, a);
                }

                target[x * 4] = r;
                target[x * 4 + 1] = g;
                target[x * 4 + 2] = b;
                target[x * 4 + 3] = a;
            }
        });

        // Vertical pass, taps top to bottom, then back to straight RGBA8.
        ForEachRow(width, height, y =>
        {
            Span<uint> row = output.Pixels(count).Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float r = 0, g = 0, b = 0, a = 0;
                for (int i = 0; i < kernel.Length; i++)
                {
                    int offset = (Math.Clamp(y + i - half, 0, height - 1) * width + x) * 4;
                    r = MathF.FusedMultiplyAdd(kernel[i], horizontal[offset], r);
                    g = MathF.FusedMultiplyAdd(kernel[i], horizontal[offset + 1], g);
                    b = MathF.FusedMultiplyAdd(kernel[i], horizontal[offset + 2], b);
                    a = MathF.FusedMultiplyAdd(kernel[i], horizontal[offset + 3], a);
                }

                row[x] = Premultiplied.ToRgba(r, g, b, a);
            }
        });
    }
}
