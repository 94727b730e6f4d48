using PhotoFF.Imaging;

namespace PhotoFF.Tests.Operations;

/// <summary>
/// Resampling in float64, written from its definition to check the CPU backend against: output pixel d of an axis
/// samples the source at c = origin + (d + 0.5) / scale - 0.5; source pixel i weighs K((i - c) / s) with s =
/// max(1, 1 / scale) (the kernel stretched when shrinking), over the source pixels only, normalized to sum 1; on
/// premultiplied values, then back to straight alpha. Nearest takes the pixel whose centre is nearest c.
/// </summary>
public static class ResizeReference
{
    public static double Kernel(ResizeInterpolation filter, double x)
    {
        double t = Math.Abs(x);
        return filter switch
        {
            ResizeInterpolation.Bilinear => Math.Max(0, 1 - t),
            // Keys (1981) cubic convolution, a = -0.5.
            ResizeInterpolation.Bicubic when t < 1 => 1.5 * t * t * t - 2.5 * t * t + 1,
            ResizeInterpolation.Bicubic when t < 2 => -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2,
            ResizeInterpolation.Lanczos3 when t < 3 => Sinc(t) * Sinc(t / 3),
            _ => 0,
        };
    }

    public static double Support(ResizeInterpolation filter) => filter switch
    {
        ResizeInterpolation.Bilinear => 1,
        ResizeInterpolation.Bicubic => 2,
        ResizeInterpolation.Lanczos3 => 3,
        _ => 0.5,
    };

    /// <summary>The weights of every source pixel for each output pixel of one axis.</summary>
    public static double[][] Axis(ResizeInterpolation filter, int sourceLength, int outputLength, double scale, double origin = 0)
    {
        double[][] weights = new double[outputLength][];
        double stretch = Math.Max(1, 1 / scale);
        for (int d = 0; d < outputLength; d++)
        {
            double c = origin + (d + 0.5) / scale - 0.5;
            double[] w = new double[sourceLength];
            if (filter == ResizeInterpolation.Nearest)
            {
                w[Math.Clamp((int)Math.Floor(c + 0.5), 0, sourceLength - 1)] = 1;
            }
            else
            {
                for (int i = 0; i < sourceLength; i++)
                {
                    w[i] = Kernel(filter, (i - c) / stretch);
                }

                double sum = w.Sum();
                for (int i = 0; i < sourceLength; i++)
                {
                    w[i] /= sum;
                }
            }

            weights[d] = w;
        }

        return weights;
    }

    /// <summary>The resampled image as straight RGBA doubles (0..255).</summary>
    public static double[] Resize(byte[] rgba, int width, int height, ResizeInterpolation filter, int outputWidth, int outputHeight,
        double scaleX, double scaleY, double originX = 0, double originY = 0)
    {
        double[][] columns = Axis(filter, width, outputWidth, scaleX, originX);
        double[][] rows = Axis(filter, height, outputHeight, scaleY, originY);
        double[] premultiplied = new double[rgba.Length];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            for (int c = 0; c < 3; c++)
            {
                premultiplied[i + c] = rgba[i + c] * (rgba[i + 3] / 255.0);
            }

            premultiplied[i + 3] = rgba[i + 3];
        }

        double[] horizontal = new double[outputWidth * height * 4];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < outputWidth; x++)
            {
                for (int i = 0; i < width; i++)
                {
                    double w = columns[x][i];
                    if (w != 0)
                    {
                        for (int c = 0; c < 4; c++)
                        {
                            horizontal[(y * outputWidth + x) * 4 + c] += w * premultiplied[(y * width + i) * 4 + c];
                        }
                    }
                }
            }
        }

        double[] result = new double[outputWidth * outputHeight * 4];
        for (int y = 0; y < outputHeight; y++)
        {
            for (int x = 0; x < outputWidth; x++)
            {
                double[] sum = new double[4];
                for (int j = 0; j < height; j++)
                {
                    double w = rows[y][j];
                    for (int c = 0; c < 4 && w != 0; c++)
                    {
                        sum[c] += w * horizontal[(j * outputWidth + x) * 4 + c];
                    }
                }

                int o = (y * outputWidth + x) * 4;
                if (Math.Round(sum[3], MidpointRounding.AwayFromZero) <= 0)
                {
                    continue; // Transparent black.
                }

                for (int c = 0; c < 3; c++)
                {
                    result[o + c] = sum[c] * 255 / sum[3];
                }

                result[o + 3] = sum[3];
            }
        }

        return result;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
}
