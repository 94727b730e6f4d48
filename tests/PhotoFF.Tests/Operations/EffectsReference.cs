namespace PhotoFF.Tests.Operations;

/// <summary>Independent references for the distance-field effects and the unsharp mask: a brute-force distance
/// transform and float64 compositing, written from the definitions.</summary>
public static class EffectsReference
{
    public const long NoTarget = int.MaxValue;

    /// <summary>For each pixel, the smallest squared distance to any target, by trying every target: the shape's pixels
    /// (alpha >= 128) for outer distances, the background pixels and everything outside the image for inner ones, all
    /// moved by the offset; saturated at int.MaxValue. With a <paramref name="reach"/>, only the targets within that many
    /// pixels along each axis are tried, and a pixel with none of them is <see cref="NoTarget"/>: exact for every
    /// distance up to the reach, which is all an effect of that reach sees, and linear in the pixel count.</summary>
    public static long[] SquaredDistances(byte[] rgba, int width, int height, bool inner, int offsetX = 0, int offsetY = 0, int? reach = null)
    {
        bool IsTarget(int sx, int sy) => (rgba[(sy * width + sx) * 4 + 3] >= 128) != inner;
        List<(int X, int Y)> targets = [];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (IsTarget(x, y))
                {
                    targets.Add((x + offsetX, y + offsetY));
                }
            }
        }

        // Target (tx, ty) is source pixel (tx - offsetX, ty - offsetY).
        IEnumerable<(int X, int Y)> Near(int x, int y)
        {
            for (int ty = y - reach!.Value; ty <= y + reach.Value; ty++)
            {
                for (int tx = x - reach.Value; tx <= x + reach.Value; tx++)
                {
                    int sx = tx - offsetX, sy = ty - offsetY;
                    if (sx >= 0 && sx < width && sy >= 0 && sy < height && IsTarget(sx, sy))
                    {
                        yield return (tx, ty);
                    }
                }
            }
        }

        long[] result = new long[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                long best = long.MaxValue;
                foreach ((int tx, int ty) in reach is null ? targets : Near(x, y))
                {
                    best = Math.Min(best, Square(x - tx) + Square(y - ty));
                }

                if (inner)
                {
                    // The outside of the image, moved: every lattice point outside [offsetX, width + offsetX) x [offsetY, height + offsetY).
                    bool insideMovedImage = x >= offsetX && x < width + offsetX && y >= offsetY && y < height + offsetY;
                    long toOutside = !insideMovedImage ? 0 : Math.Min(
                        Math.Min(Square(x - (offsetX - 1)), Square(width + offsetX - x)),
                        Math.Min(Square(y - (offsetY - 1)), Square(height + offsetY - y)));
                    best = Math.Min(best, toOutside);
                }

                result[y * width + x] = reach is not null && best > Square(reach.Value) ? NoTarget : Math.Min(best, NoTarget);
            }
        }

        return result;
    }

    /// <summary>Stroke: coverage = clamp(width + 1 - d), composited as the definition says.</summary>
    public static double[] Stroke(byte[] rgba, int width, int height, double strokeWidth, (int R, int G, int B, int A) color, bool inner)
    {
        // Coverage is 0 from distance width + 1 on: the distances beyond are not needed.
        long[] d2 = SquaredDistances(rgba, width, height, inner, reach: (int)Math.Ceiling(strokeWidth + 1));
        return Paint(rgba, d2, index =>
        {
            if (d2[index] == 0 || d2[index] == NoTarget)
            {
                return 0;
            }

            return color.A * Math.Clamp(strokeWidth + 1 - Math.Sqrt(d2[index]), 0, 1);
        }, color, inner, onlyShape: false);
    }

    /// <summary>Shadow: alpha = intensity x A x (1 - smoothstep((d - 0.5) / radius)), 1 inside the moved shape.</summary>
    public static double[] Shadow(byte[] rgba, int width, int height, double radius, double intensity, (int R, int G, int B, int A) color, int offsetX, int offsetY, bool inner)
    {
        // The falloff is 0 from distance radius + 0.5 on: the distances beyond are not needed.
        long[] d2 = SquaredDistances(rgba, width, height, inner, offsetX, offsetY, reach: (int)Math.Ceiling(radius + 0.5));
        return Paint(rgba, d2, index =>
        {
            if (d2[index] == NoTarget)
            {
                return 0;
            }

            double falloff = 1;
            if (d2[index] != 0)
            {
                double t = radius == 0 ? 1 : Math.Clamp((Math.Sqrt(d2[index]) - 0.5) / radius, 0, 1);
                falloff = 1 - t * t * (3 - 2 * t);
            }

            return intensity * color.A * falloff;
        }, color, inner, onlyShape: inner);
    }

    /// <summary>Unsharp mask from a given blur: in + amount x (in - blur) where |in - blur| > threshold.</summary>
    public static double[] Sharpen(byte[] rgba, byte[] blurred, double amount, int threshold)
    {
        double[] result = rgba.Select(b => (double)b).ToArray();
        for (int i = 0; i < rgba.Length; i += 4)
        {
            if (rgba[i + 3] == 0)
            {
                continue;
            }

            for (int c = 0; c < 3; c++)
            {
                int difference = rgba[i + c] - blurred[i + c];
                if (Math.Abs(difference) > threshold)
                {
                    result[i + c] = rgba[i + c] + amount * difference;
                }
            }
        }

        return result;
    }

    private static double[] Paint(byte[] rgba, long[] d2, Func<int, double> layerAlpha, (int R, int G, int B, int A) color, bool atop, bool onlyShape)
    {
        double[] result = rgba.Select(b => (double)b).ToArray();
        for (int index = 0; index < d2.Length; index++)
        {
            int i = index * 4;
            if (onlyShape && rgba[i + 3] < 128)
            {
                continue;
            }

            double alpha = layerAlpha(index);
            if (alpha == 0)
            {
                continue;
            }

            if (atop)
            {
                double share = alpha / 255;
                result[i] = rgba[i] + share * (color.R - rgba[i]);
                result[i + 1] = rgba[i + 1] + share * (color.G - rgba[i + 1]);
                result[i + 2] = rgba[i + 2] + share * (color.B - rgba[i + 2]);
                continue;
            }

            // The pixel over the layer, premultiplied.
            double top = rgba[i + 3];
            double uncovered = 1 - top / 255;
            double outAlpha = top + alpha * uncovered;
            if (Math.Round(outAlpha, MidpointRounding.AwayFromZero) == 0)
            {
                result[i] = result[i + 1] = result[i + 2] = result[i + 3] = 0;
                continue;
            }

            double[] layer = [color.R, color.G, color.B];
            for (int c = 0; c < 3; c++)
            {
                double premultiplied = rgba[i + c] * top / 255 + layer[c] * alpha / 255 * uncovered;
                result[i + c] = premultiplied * 255 / outAlpha;
            }

            result[i + 3] = outAlpha;
        }

        return result;
    }

    private static long Square(long v) => v * v;
}
