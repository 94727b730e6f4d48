namespace PhotoFF.Codecs.Heif;

/// <summary>
/// The transformative properties of an image (clap, irot, imir) in the order they apply, which is their ipma order,
/// and the size each leaves. Cropping rounds as libheif does, so the result matches what libvips and heif-convert show.
/// </summary>
internal static class HeifTransform
{
    public static IReadOnlyList<HeifProperty> Of(HeifItem item) =>
        item.Properties.Select(p => p.Property)
            .Where(p => p is RotationProperty or MirrorProperty or CleanApertureProperty)
            .ToArray();

    /// <summary>The size after <paramref name="transforms"/>, from a coded <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static (int Width, int Height) OutputSize(int width, int height, IReadOnlyList<HeifProperty> transforms)
    {
        foreach (var transform in transforms)
        {
            switch (transform)
            {
                case RotationProperty { QuarterTurns: 1 or 3 }:
                    (width, height) = (height, width);
                    break;
                case CleanApertureProperty clap:
                    var crop = Crop(clap, width, height);
                    (width, height) = (crop.Width, crop.Height);
                    break;
            }
        }

        return (width, height);
    }

    /// <summary>The rectangle a clean aperture keeps of a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static (int Left, int Top, int Width, int Height) Crop(CleanApertureProperty clap, int width, int height)
    {
        // libheif: left = floor(horizOff + (width - 1)/2 - (clapWidth - 1)/2), right = round(left + clapWidth - 1),
        // likewise vertically with round for top, then clamped to the image.
        var left = Fraction.RoundDown(Fraction.Centre(clap.HorizontalOffsetN, clap.HorizontalOffsetD, width, clap.WidthN, clap.WidthD));
        var top = Fraction.Round(Fraction.Centre(clap.VerticalOffsetN, clap.VerticalOffsetD, height, clap.HeightN, clap.HeightD));
        var right = Fraction.Round(Fraction.Add(clap.WidthN - clap.WidthD, clap.WidthD, left));
        var bottom = Fraction.Round(Fraction.Add(clap.HeightN - clap.HeightD, clap.HeightD, top));
        left = Math.Max(left, 0);
        top = Math.Max(top, 0);
        right = Math.Min(right, width - 1);
        bottom = Math.Min(bottom, height - 1);
        if (left > right || top > bottom)
        {
            throw new HeifFormatException($"the clap property crops a {width}x{height} image to nothing");
        }

        return ((int)left, (int)top, (int)(right - left + 1), (int)(bottom - top + 1));
    }

    /// <summary>Exact rational arithmetic on 64-bit integers (the inputs are at most 32-bit).</summary>
    private static class Fraction
    {
        /// <summary>offset + (size - 1)/2 - (apertureN/apertureD - 1)/2, as (numerator, denominator).</summary>
        public static (Int128 N, Int128 D) Centre(long offsetN, long offsetD, int size, long apertureN, long apertureD)
        {
            // offset + (size-1)/2 - (a-1)/2 = [2·offN·aD + (size-1)·offD·aD - (aN - aD)·offD] / (2·offD·aD)
            Int128 denominator = 2 * (Int128)offsetD * apertureD;
            var numerator = 2 * (Int128)offsetN * apertureD + (Int128)(size - 1) * offsetD * apertureD
                - ((Int128)apertureN - apertureD) * offsetD;
            return (numerator, denominator);
        }

        public static (Int128 N, Int128 D) Add(long n, long d, long whole) => ((Int128)n + (Int128)whole * d, d);

        public static long RoundDown((Int128 N, Int128 D) f) => (long)Int128.Clamp(f.N / f.D, long.MinValue, long.MaxValue);

        public static long Round((Int128 N, Int128 D) f) => (long)Int128.Clamp((f.N + f.D / 2) / f.D, long.MinValue, long.MaxValue);
    }
}
