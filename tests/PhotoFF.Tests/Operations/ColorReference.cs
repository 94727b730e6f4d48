namespace PhotoFF.Tests.Operations;

/// <summary>Independent float64 implementations of the per-pixel color and alpha operations, written from their
/// definitions (help/*.md), to check the CPU backend against. Each returns straight RGBA as doubles.</summary>
public static class ColorReference
{
    public static double[] Opacity(byte[] rgba, double opacity) =>
        Map(rgba, (r, g, b, a) => (r, g, b, a * opacity));

    public static double[] Grayscale(byte[] rgba) =>
        Map(rgba, (r, g, b, a) =>
        {
            double luma = 0.299 * r + 0.587 * g + 0.114 * b;
            return (luma, luma, luma, a);
        });

    /// <summary>PhotoFF's rule: keyed out where the key's channel &gt; threshold (&lt;= with invert).</summary>
    public static double[] ChromaKey(byte[] rgba, byte[] key, int channel, int threshold, bool invert, bool zeroAll)
    {
        double[] result = rgba.Select(v => (double)v).ToArray();
        for (int i = 0; i < rgba.Length; i += 4)
        {
            int value = key[i + channel];
            if (invert ? value <= threshold : value > threshold)
            {
                result[i + 3] = 0;
                if (zeroAll)
                {
                    result[i] = result[i + 1] = result[i + 2] = 0;
                }
            }
        }

        return result;
    }

    /// <summary>Green-screen keying with a normalized Euclidean RGB distance; spill is the dominant channel or -1.</summary>
    public static double[] ColorKey(byte[] rgba, (int R, int G, int B) key, double tolerance, double softness, int spill)
    {
        double[] result = new double[rgba.Length];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            double[] c = [rgba[i], rgba[i + 1], rgba[i + 2]];
            double distance = Math.Sqrt(Square(c[0] - key.R) + Square(c[1] - key.G) + Square(c[2] - key.B)) / (255 * Math.Sqrt(3));
            double t = softness > 0 ? Math.Clamp((distance - tolerance) / softness, 0, 1) : distance > tolerance ? 1 : 0;
            double alpha = rgba[i + 3] * t;
            if (Math.Round(alpha, MidpointRounding.AwayFromZero) == 0)
            {
                if (t < 1)
                {
                    continue; // transparent black
                }
            }

            if (spill >= 0)
            {
                double limit = Math.Ceiling((c[(spill + 1) % 3] + c[(spill + 2) % 3]) / 2);
                c[spill] = Math.Min(c[spill], limit);
            }

            (result[i], result[i + 1], result[i + 2], result[i + 3]) = (c[0], c[1], c[2], alpha);
        }

        return result;
    }

    /// <summary>Brightness, contrast, gamma and invert per channel (rounded, as the defined 8-bit table is), then
    /// saturation around the luma of those values.</summary>
    public static double[] ColorAdjustment(byte[] rgba, double brightness, double contrast, double saturation, double gamma, bool invert)
    {
        double Channel(double v)
        {
            v = Math.Clamp(v + 255 * brightness, 0, 255);
            if (contrast == 1)
            {
                v = v > 127.5 ? 255 : v < 127.5 ? 0 : 127.5;
            }
            else
            {
                v = Math.Clamp(127.5 + (v - 127.5) * (1 + contrast) / (1 - contrast), 0, 255);
            }

            v = 255 * Math.Pow(v / 255, 1 / gamma);
            v = invert ? 255 - v : v;
            return Math.Round(v, MidpointRounding.AwayFromZero);
        }

        return Map(rgba, (r, g, b, a) =>
        {
            (r, g, b) = (Channel(r), Channel(g), Channel(b));
            double luma = 0.299 * r + 0.587 * g + 0.114 * b;
            return (luma + saturation * (r - luma), luma + saturation * (g - luma), luma + saturation * (b - luma), a);
        });
    }

    private static double Square(double v) => v * v;

    private static double[] Map(byte[] rgba, Func<double, double, double, double, (double R, double G, double B, double A)> pixel)
    {
        double[] result = new double[rgba.Length];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            (result[i], result[i + 1], result[i + 2], result[i + 3]) = pixel(rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]);
        }

        return result;
    }
}
