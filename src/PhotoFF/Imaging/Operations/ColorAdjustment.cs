namespace PhotoFF.Imaging.Operations;

/// <summary>
/// Brightness, contrast, gamma, invert and saturation on straight (not premultiplied) R, G, B; alpha is kept. In this
/// order, on values 0..255: brightness adds <see cref="Brightness"/> x 255; contrast scales the distance from 127.5 by
/// (1 + <see cref="Contrast"/>) / (1 - Contrast) (Contrast 1: a threshold at 127.5; -1: flat gray); gamma maps v to
/// 255 (v / 255)^(1 / <see cref="Gamma"/>) (above 1 brightens the midtones); <see cref="Invert"/> maps v to 255 - v;
/// the result is clamped to 0..255 after brightness and after contrast and rounded. These four are one 256-entry table
/// computed here in double, so every backend maps identically. Last, <see cref="Saturation"/> mixes each channel with
/// the pixel's luma (0.299 R + 0.587 G + 0.114 B): luma + Saturation x (c - luma), in float32 (0: gray, 1: unchanged).
/// </summary>
public sealed record ColorAdjustment
{
    public const double MaxSaturation = 10;
    public const double MinGamma = 0.01;
    public const double MaxGamma = 100;

    /// <summary>The value contrast pivots on: the middle of 0..255.</summary>
    public const double Midpoint = 127.5;

    public ColorAdjustment(double brightness = 0, double contrast = 0, double saturation = 1, double gamma = 1, bool invert = false)
    {
        if (!double.IsFinite(brightness) || brightness < -1 || brightness > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(brightness), brightness, "The brightness is -1 to 1.");
        }

        if (!double.IsFinite(contrast) || contrast < -1 || contrast > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(contrast), contrast, "The contrast is -1 to 1.");
        }

        if (!double.IsFinite(saturation) || saturation < 0 || saturation > MaxSaturation)
        {
            throw new ArgumentOutOfRangeException(nameof(saturation), saturation, $"The saturation is 0 to {MaxSaturation}.");
        }

        if (!double.IsFinite(gamma) || gamma < MinGamma || gamma > MaxGamma)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"Gamma is {MinGamma} to {MaxGamma}.");
        }

        Brightness = brightness;
        Contrast = contrast;
        Saturation = saturation;
        Gamma = gamma;
        Invert = invert;
    }

    /// <summary>-1 (black) to 1 (white); 0 leaves the image as it is.</summary>
    public double Brightness { get; }

    /// <summary>-1 (flat gray) to 1 (a threshold); 0 leaves the image as it is.</summary>
    public double Contrast { get; }

    /// <summary>0 (gray) to <see cref="MaxSaturation"/>; 1 leaves the image as it is.</summary>
    public double Saturation { get; }

    /// <summary><see cref="MinGamma"/> to <see cref="MaxGamma"/>; 1 leaves the image as it is.</summary>
    public double Gamma { get; }

    public bool Invert { get; }

    /// <summary>Whether the table maps every value to itself.</summary>
    public bool TableIsIdentity => Brightness == 0 && Contrast == 0 && Gamma == 1 && !Invert;

    public bool IsIdentity => TableIsIdentity && Saturation == 1;

    /// <summary>The 256-entry map of brightness, contrast, gamma and invert, applied to R, G and B.</summary>
    public byte[] Table()
    {
        byte[] table = new byte[256];
        double factor = (1 + Contrast) / (1 - Contrast);
        for (int i = 0; i < table.Length; i++)
        {
            double v = Math.Clamp(i + Brightness * 255, 0, 255);
            if (Contrast == 1)
            {
                v = v > Midpoint ? 255 : v < Midpoint ? 0 : Midpoint;
            }
            else if (Contrast != 0)
            {
                v = Math.Clamp(Midpoint + (v - Midpoint) * factor, 0, 255);
            }

            if (Gamma != 1)
            {
                v = 255 * Math.Pow(v / 255, 1 / Gamma);
            }

            if (Invert)
            {
                v = 255 - v;
            }

            table[i] = (byte)Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);
        }

        return table;
    }

    internal void Apply(CudaImage image)
    {
        if (!IsIdentity)
        {
            image.Backend.ColorAdjustment(image.Pixels, image.Width, image.Height, Table(), (float)Saturation);
        }
    }
}
