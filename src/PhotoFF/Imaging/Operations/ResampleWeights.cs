using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// The filter taps of one axis of a resize, computed in double and stored as float (<see cref="ResampleTable"/>), so
/// that both backends sum identical weights. Output pixel d samples the source at the pixel-centre coordinate
/// c = origin + (d + 0.5) / scale - 0.5. When shrinking (scale &lt; 1) the filter is stretched by 1 / scale, widening
/// its support by the reduction factor (as Pillow and libvips do), so that every source pixel contributes and fine
/// detail averages out instead of aliasing. The taps are limited to the source and normalized to sum to 1 there.
/// </summary>
internal static class ResampleWeights
{
    /// <summary>Half the width of the filter's support at scale 1, in pixels.</summary>
    public static double Support(ResizeInterpolation filter) => filter switch
    {
        ResizeInterpolation.Nearest => 0.5,
        ResizeInterpolation.Bilinear => 1,
        ResizeInterpolation.Bicubic => 2,
        ResizeInterpolation.Lanczos3 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown interpolation."),
    };

    /// <summary>The filter's kernel at distance <paramref name="x"/> (in source pixels at scale 1).</summary>
    public static double Kernel(ResizeInterpolation filter, double x)
    {
        x = Math.Abs(x);
        switch (filter)
        {
            case ResizeInterpolation.Bilinear:
                return x < 1 ? 1 - x : 0;
            case ResizeInterpolation.Bicubic:
                const double a = -0.5;
                return x < 1 ? ((a + 2) * x - (a + 3)) * x * x + 1
                    : x < 2 ? ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
                    : 0;
            case ResizeInterpolation.Lanczos3:
                return x == 0 ? 1 : x < 3 ? 3 * Math.Sin(Math.PI * x) * Math.Sin(Math.PI * x / 3) / (Math.PI * Math.PI * x * x) : 0;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "Nearest has no kernel.");
        }
    }

    /// <summary>The table for <paramref name="outputLength"/> output pixels from <paramref name="sourceLength"/>
    /// source pixels at <paramref name="scale"/> output pixels per source pixel, the first output pixel's left edge
    /// at source coordinate <paramref name="origin"/> (a crop offset; 0 for a plain resize).</summary>
    public static ResampleTable Build(ResizeInterpolation filter, int sourceLength, int outputLength, double scale, double origin = 0)
    {
        if (sourceLength < 1 || outputLength < 1 || !(scale > 0) || !double.IsFinite(scale) || !double.IsFinite(origin))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"Cannot resample {sourceLength} pixels to {outputLength} at scale {scale}.");
        }

        return filter == ResizeInterpolation.Nearest
            ? BuildNearest(sourceLength, outputLength, scale, origin)
            : BuildFiltered(filter, sourceLength, outputLength, scale, origin);
    }

    private static ResampleTable BuildNearest(int sourceLength, int outputLength, double scale, double origin)
    {
        int[] spans = new int[2 * outputLength];
        float[] weights = new float[outputLength];
        for (int d = 0; d < outputLength; d++)
        {
            double centre = origin + (d + 0.5) / scale - 0.5;
            spans[2 * d] = (int)Math.Clamp(Math.Floor(centre + 0.5), 0, sourceLength - 1);
            spans[2 * d + 1] = 1;
            weights[d] = 1f;
        }

        return new ResampleTable(sourceLength, spans, weights, 1);
    }

    /// <summary>Distinct kernel arguments remembered per table (Lanczos's sines): a resize by a simple ratio has a
    /// few phases, repeated along the axis.</summary>
    private const int MaxRemembered = 4096;

    private static ResampleTable BuildFiltered(ResizeInterpolation filter, int sourceLength, int outputLength, double scale, double origin)
    {
        double stretch = Math.Max(1, 1 / scale);
        double support = Support(filter) * stretch;
        int taps = Math.Min(sourceLength, (int)Math.Ceiling(2 * support) + 1);
        int[] spans = new int[2 * outputLength];
        double[] exact = new double[taps];
        float[] weights = new float[(long)outputLength * taps];
        // Kernel is a pure function of its argument: remembering its values keeps every bit.
        Dictionary<double, double>? remembered = filter == ResizeInterpolation.Lanczos3 ? [] : null;
        for (int d = 0; d < outputLength; d++)
        {
            double centre = origin + (d + 0.5) / scale - 0.5;
            int first = (int)Math.Clamp(Math.Ceiling(centre - support), 0, sourceLength - 1);
            int last = (int)Math.Clamp(Math.Floor(centre + support), first, Math.Min(sourceLength - 1, first + taps - 1));
            double sum = 0;
            for (int i = first; i <= last; i++)
            {
                double x = (i - centre) / stretch;
                double value;
                if (remembered is null)
                {
                    value = Kernel(filter, x);
                }
                else if (!remembered.TryGetValue(x, out value))
                {
                    value = Kernel(filter, x);
                    if (remembered.Count < MaxRemembered)
                    {
                        remembered[x] = value;
                    }
                }

                exact[i - first] = value;
                sum += value;
            }

            // Drop taps of weight 0 at either end (the support's edge falling on a pixel centre).
            while (last > first && exact[last - first] == 0)
            {
                last--;
            }

            while (first < last && exact[0] == 0)
            {
                Array.Copy(exact, 1, exact, 0, last - first);
                first++;
            }

            if (!(sum > 0))
            {
                // No positive weight within the source (cannot happen for centres inside it): take the nearest pixel.
                first = last = (int)Math.Clamp(Math.Floor(centre + 0.5), 0, sourceLength - 1);
                exact[0] = sum = 1;
            }

            spans[2 * d] = first;
            spans[2 * d + 1] = last - first + 1;
            Span<float> row = weights.AsSpan((int)((long)d * taps), taps);
            for (int k = 0; k <= last - first; k++)
            {
                row[k] = (float)(exact[k] / sum);
            }
        }

        return new ResampleTable(sourceLength, spans, weights, taps);
    }
}
