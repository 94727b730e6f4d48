namespace PhotoFF.Tests.Operations;

/// <summary>Independent float64 implementations of the operations, written from their definitions, to check the CPU
/// backend against.</summary>
public static class Float64Reference
{
    /// <summary>Gaussian blur on premultiplied values, edges clamped, kernel to ceil(3 sigma); straight RGBA out as doubles.</summary>
    public static double[] Blur(byte[] rgba, int width, int height, double sigma)
    {
        int half = (int)Math.Ceiling(3 * sigma - 1e-9);
        double[] kernel = Enumerable.Range(-half, 2 * half + 1).Select(i => Math.Exp(-i * (double)i / (2 * sigma * sigma))).ToArray();
        double sum = kernel.Sum();
        kernel = kernel.Select(k => k / sum).ToArray();

        double[] premultiplied = new double[rgba.Length];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            double a = rgba[i + 3] / 255.0;
            premultiplied[i] = rgba[i] * a;
            premultiplied[i + 1] = rgba[i + 1] * a;
            premultiplied[i + 2] = rgba[i + 2] * a;
            premultiplied[i + 3] = rgba[i + 3];
        }

        double[] rows = new double[rgba.Length];
        double[] both = new double[rgba.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 4; c++)
                {
                    double acc = 0;
                    for (int k = -half; k <= half; k++)
                    {
                        acc += kernel[k + half] * premultiplied[(y * width + Math.Clamp(x + k, 0, width - 1)) * 4 + c];
                    }

                    rows[(y * width + x) * 4 + c] = acc;
                }
            }
        }

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 4; c++)
                {
                    double acc = 0;
                    for (int k = -half; k <= half; k++)
                    {
                        acc += kernel[k + half] * rows[(Math.Clamp(y + k, 0, height - 1) * width + x) * 4 + c];
                    }

                    both[(y * width + x) * 4 + c] = acc;
                }
            }
        }

        double[] straight = new double[rgba.Length];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            double a = both[i + 3];
            if (Math.Round(a, MidpointRounding.AwayFromZero) == 0)
            {
                continue;
            }

            straight[i] = both[i] * 255 / a;
            straight[i + 1] = both[i + 1] * 255 / a;
            straight[i + 2] = both[i + 2] * 255 / a;
            straight[i + 3] = a;
        }

        return straight;
    }

    /// <summary>Anti-aliased rounded corners: alpha times coverage, coverage = clamp(r - d + 0.5) in the corner squares.</summary>
    public static double[] CornerRadius(byte[] rgba, int width, int height, double radius)
    {
        radius = Math.Min(radius, Math.Min(width, height) / 2.0);
        double[] result = rgba.Select(b => (double)b).ToArray();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double px = x + 0.5, py = y + 0.5;
                double dx = Math.Max(Math.Max(radius - px, px - (width - radius)), 0);
                double dy = Math.Max(Math.Max(radius - py, py - (height - radius)), 0);
                if (dx == 0 || dy == 0)
                {
                    continue;
                }

                double coverage = Math.Clamp(radius - Math.Sqrt(dx * dx + dy * dy) + 0.5, 0, 1);
                if (coverage >= 1)
                {
                    continue;
                }

                int i = (y * width + x) * 4;
                result[i + 3] = rgba[i + 3] * coverage;
                if (Math.Round(result[i + 3], MidpointRounding.AwayFromZero) == 0)
                {
                    result[i] = result[i + 1] = result[i + 2] = result[i + 3] = 0;
                }
            }
        }

        return result;
    }

    public static byte[] ToBytes(double[] values) =>
        values.Select(v => (byte)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 255)).ToArray();
}
