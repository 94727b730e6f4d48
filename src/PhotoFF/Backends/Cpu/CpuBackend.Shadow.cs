using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Shadow(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, float radius, float alpha, uint rgba, bool inner)
    {
        long count = (long)width * height;
        CpuPixelBuffer pixels = Own(image);
        CpuPixelBuffer distances = Own(squaredDistances);
        ForEachRow(width, height, y =>
        {
            Span<uint> row = pixels.Pixels(count).Slice(y * width, width);
            ReadOnlySpan<int> d2 = MemoryMarshal.Cast<uint, int>(distances.Pixels(count)).Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                if (d2[x] == IImageBackend.NoTarget || (inner && row[x] >> 24 < IImageBackend.ShapeAlpha))
                {
                    continue;
                }

                float shadow = alpha * Falloff(d2[x], radius);
                if (shadow == 0f)
                {
                    continue;
                }

                row[x] = inner ? LayerCompose.LayerAtopPixel(row[x], rgba, shadow) : LayerCompose.PixelOverLayer(row[x], rgba, shadow);
            }
        });
    }

    /// <summary>1 inside the offset shape, then 1 - smoothstep of the distance from its edge over the radius.</summary>
    private static float Falloff(int squaredDistance, float radius)
    {
        if (squaredDistance == 0)
        {
            return 1f;
        }

        // A radius of 0 gives +infinity here: a hard edge.
        float t = Math.Clamp((MathF.Sqrt(squaredDistance) - 0.5f) / radius, 0f, 1f);
        float twice = 2f * t;
        float slope = 3f - twice;
        float square = t * t;
        float step = square * slope;
        return 1f - step;
    }
}
