using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Stroke(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, float strokeWidth, uint rgba, bool inner)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        CpuPixelBuffer distances = Own(squaredDistances);
        float reach = strokeWidth + 1f;
        float colorAlpha = rgba >> 24;
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            ReadOnlySpan<int> d2 = MemoryMarshal.Cast<uint, int>(distances.Pixels(count)).Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                if (d2[x] == 0 || d2[x] == IImageBackend.NoTarget)
                {
                    continue;
                }

                float coverage = Math.Clamp(reach - MathF.Sqrt(d2[x]), 0f, 1f);
                float alpha = colorAlpha * coverage;
                if (alpha == 0f)
                {
                    continue;
                }

                row[x] = inner ? LayerCompose.LayerAtopPixel(row[x], rgba, alpha) : LayerCompose.PixelOverLayer(row[x], rgba, alpha);
            }
        });
    }
}
