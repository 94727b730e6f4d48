using NetVips;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Codecs;

/// <summary>Turns whatever a loader produced (grey, CMYK, 16-bit, profiled) into uchar sRGB, alpha kept.</summary>
internal static class ColourManagement
{
    public static Image ToSrgb(Image image, VipsMessageCapture capture)
    {
        if (image.Contains("icc-profile-data") && image.Get("icc-profile-data") is byte[] { Length: > 0 } icc &&
            !IsSrgbProfile(icc))
        {
            try
            {
                // Embedded profile in, sRGB out, 8 bits per channel; libvips carries alpha through.
                return image.IccTransform("srgb", embedded: true, depth: 8);
            }
            catch (VipsException e)
            {
                // A broken profile should not cost the user the image: colours are then only approximate.
                capture.Note($"ignored the embedded ICC profile ({VipsErrors.Clean(e.Message, null)})");
            }
        }

        if (image.Interpretation == Enums.Interpretation.Srgb && image.Format == Enums.BandFormat.Uchar)
        {
            return image.Copy();
        }

        try
        {
            return image.Colourspace(Enums.Interpretation.Srgb);
        }
        catch (VipsException)
        {
            // Loaders tag unusual images "multiband" and the like, which colourspace refuses. Going by the
            // band count is what every viewer does with them.
            var guessed = image.Bands <= 2
                ? image.Format == Enums.BandFormat.Ushort ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw
                : image.Format == Enums.BandFormat.Ushort ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb;
            using var tagged = image.Copy(interpretation: guessed);
            return guessed == Enums.Interpretation.Srgb ? tagged.Copy() : tagged.Colourspace(Enums.Interpretation.Srgb);
        }
    }

    /// <summary>
    /// Whether <see cref="ToSrgb"/> and <see cref="ToUchar"/> would hand back the same pixels: uchar, tagged sRGB, with no
    /// embedded profile but an sRGB one. Such an image (most camera JPEGs) can skip both.
    /// </summary>
    public static bool IsSrgbUchar(Image image) =>
        image.Format == Enums.BandFormat.Uchar && image.Interpretation == Enums.Interpretation.Srgb &&
        !(image.Contains("icc-profile-data") && image.Get("icc-profile-data") is byte[] { Length: > 0 } icc && !IsSrgbProfile(icc));

    /// <summary>
    /// 16-bit samples become 8-bit by keeping the high byte (v >> 8), which is what libvips' own 16-to-8
    /// conversions do and what PngSuite's expected 8-bit data for 16-bit colour files holds.
    /// </summary>
    public static Image ToUchar(Image image)
    {
        switch (image.Format)
        {
            case Enums.BandFormat.Uchar:
                return image.Copy();
            case Enums.BandFormat.Ushort:
            {
                using var shifted = image >> 8;
                return shifted.Cast(Enums.BandFormat.Uchar);
            }
            default:
                return image.Cast(Enums.BandFormat.Uchar);
        }
    }

    /// <summary>
    /// Whether an ICC profile describes sRGB, so that converting through it would change nothing but cost a
    /// colour transform per pixel (the common case for camera JPEGs).
    /// </summary>
    public static bool IsSrgbProfile(ReadOnlySpan<byte> icc)
    {
        if (!IccProfile.IsRgb(icc))
        {
            return false;
        }

        var description = IccProfile.Description(icc);
        return description is not null &&
               description.Contains("sRGB", StringComparison.Ordinal) &&
               !description.Contains("linear", StringComparison.OrdinalIgnoreCase) &&
               !description.Contains("scRGB", StringComparison.OrdinalIgnoreCase);
    }
}
