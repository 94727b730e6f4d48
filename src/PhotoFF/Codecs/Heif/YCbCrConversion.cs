namespace PhotoFF.Codecs.Heif;

/// <summary>
/// How a decoded HEVC picture's samples become RGB: the matrix coefficients (ITU-T H.273) and range, from the item's
/// nclx colour information when it has one, else from the stream's VUI. The coefficients are computed as libheif
/// computes them (get_Kr_Kb, in float), and <see cref="ToRgb8"/> is the arithmetic of the GPU kernel
/// (kernels/heif_color.cu) step by step, so that the GPU decode and libheif's give the same pixels.
/// </summary>
internal readonly record struct YCbCrConversion(int Matrix, bool FullRange, float RCr, float GCb, float GCr, float BCb)
{
    /// <summary>The conversion for <paramref name="matrix"/> (H.273 MatrixCoefficients) and <paramref name="primaries"/>
    /// (ColourPrimaries, used by the chromaticity-derived matrices 12 and 13); unknown matrices use BT.601's.</summary>
    public static YCbCrConversion For(int matrix, int primaries, bool fullRange)
    {
        var (kr, kb) = KrKb(matrix, primaries);
        if (kr == 0 && kb == 0)
        {
            return new YCbCrConversion(matrix, fullRange, 1.402f, -0.344136f, -0.714136f, 1.772f);
        }

        return new YCbCrConversion(matrix, fullRange,
            2 * (-kr + 1),
            2 * kb * (-kb + 1) / (kb + kr - 1),
            2 * kr * (-kr + 1) / (kb + kr - 1),
            2 * (-kb + 1));
    }

    /// <summary>One pixel to 8-bit RGB, as the kernel computes it: samples of <paramref name="bitDepth"/> bits.</summary>
    public (int R, int G, int B) ToRgb8(int y, int cb, int cr, int bitDepth)
    {
        var max = (1 << bitDepth) - 1;
        var half = 1 << (bitDepth - 1);
        float limited = 16 << (bitDepth - 8);
        int r, g, b;
        if (Matrix == 0)
        {
            r = FullRange ? cr : RoundSample((cr - limited) * 1.1429f, max);
            g = FullRange ? y : RoundSample((y - limited) * 1.1689f, max);
            b = FullRange ? cb : RoundSample((cb - limited) * 1.1429f, max);
        }
        else if (Matrix == 8)
        {
            int green = cb - half, orange = cr - half;
            r = Math.Clamp(y - green + orange, 0, max);
            g = Math.Clamp(y + green, 0, max);
            b = Math.Clamp(y - green - orange, 0, max);
        }
        else
        {
            float fy = y, fcb = cb - half, fcr = cr - half;
            if (!FullRange)
            {
                fy = (fy - limited) * 1.1689f;
                fcb *= 1.1429f;
                fcr *= 1.1429f;
            }

            // Each product rounded on its own, then added left to right: the kernel is compiled without contraction.
            float redTerm = RCr * fcr, greenCb = GCb * fcb, greenCr = GCr * fcr, blueTerm = BCb * fcb;
            float green = fy + greenCb;
            r = RoundSample(fy + redTerm, max);
            g = RoundSample(green + greenCr, max);
            b = RoundSample(fy + blueTerm, max);
        }

        return (Reduce(r, max), Reduce(g, max), Reduce(b, max));
    }

    /// <summary>libheif's clip_f_u16: add one half, truncate toward zero, clamp.</summary>
    private static int RoundSample(float value, int max) => Math.Clamp((int)(value + 0.5f), 0, max);

    private static int Reduce(int sample, int max) => max == 255 ? sample : LibHeif.LibHeifDecoder.Reduce(sample, max);

    private static (float Kr, float Kb) KrKb(int matrix, int primaries)
    {
        if (matrix is 12 or 13)
        {
            return ChromaticityDerived(primaries);
        }

        return matrix switch
        {
            1 => (0.2126f, 0.0722f),
            4 => (0.30f, 0.11f),
            5 or 6 => (0.299f, 0.114f),
            7 => (0.212f, 0.087f),
            9 or 10 => (0.2627f, 0.0593f),
            _ => (0f, 0f),
        };
    }

    private static (float Kr, float Kb) ChromaticityDerived(int primaries)
    {
        // (green x, y, blue x, y, red x, y, white x, y) of H.273's ColourPrimaries, as libheif lists them.
        float[]? p = primaries switch
        {
            1 => [0.300f, 0.600f, 0.150f, 0.060f, 0.640f, 0.330f, 0.3127f, 0.3290f],
            4 => [0.21f, 0.71f, 0.14f, 0.08f, 0.67f, 0.33f, 0.310f, 0.316f],
            5 => [0.29f, 0.60f, 0.15f, 0.06f, 0.64f, 0.33f, 0.3127f, 0.3290f],
            6 or 7 => [0.310f, 0.595f, 0.155f, 0.070f, 0.630f, 0.340f, 0.3127f, 0.3290f],
            8 => [0.243f, 0.692f, 0.145f, 0.049f, 0.681f, 0.319f, 0.310f, 0.316f],
            9 => [0.170f, 0.797f, 0.131f, 0.046f, 0.708f, 0.292f, 0.3127f, 0.3290f],
            10 => [0.0f, 1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.333333f, 0.33333f],
            11 => [0.265f, 0.690f, 0.150f, 0.060f, 0.680f, 0.320f, 0.314f, 0.351f],
            12 => [0.265f, 0.690f, 0.150f, 0.060f, 0.680f, 0.320f, 0.3127f, 0.3290f],
            22 => [0.295f, 0.605f, 0.155f, 0.077f, 0.630f, 0.340f, 0.3127f, 0.3290f],
            _ => null,
        };
        if (p is null)
        {
            return (0f, 0f);
        }

        float gx = p[0], gy = p[1], bx = p[2], by = p[3], rx = p[4], ry = p[5], wx = p[6], wy = p[7];
        float zr = 1 - (rx + ry), zg = 1 - (gx + gy), zb = 1 - (bx + by), zw = 1 - (wx + wy);
        var denominator = wy * (rx * (gy * zb - by * zg) + gx * (by * zr - ry * zb) + bx * (ry * zg - gy * zr));
        if (denominator == 0)
        {
            return (0f, 0f);
        }

        var kr = ry * (wx * (gy * zb - by * zg) + wy * (bx * zg - gx * zb) + zw * (gx * by - bx * gy)) / denominator;
        var kb = by * (wx * (ry * zg - gy * zr) + wy * (gx * zr - rx * zg) + zw * (rx * gy - gx * ry)) / denominator;
        return (kr, kb);
    }
}
