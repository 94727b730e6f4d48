namespace PhotoFF.Codecs.Jpeg;

/// <summary>
/// Whether a clean JPEG decodes on the GPU to exactly what libvips would make of it. nvJPEG writes YCbCr (or grey)
/// converted to RGB, so RGB-coded and CMYK/YCCK streams, and profiles other than sRGB (whose colours libvips converts),
/// stay with libvips, as do chroma layouts outside the usual six.
/// </summary>
internal static class GpuJpegEligibility
{
    /// <summary>Null when the GPU path gives libvips' result; otherwise why it would not.</summary>
    public static string? WhyNot(JpegHeader header)
    {
        if (header.Components.Count == 3)
        {
            if (header.AdobeTransform is { } transform && transform != 1)
            {
                return $"Adobe colour transform {transform} (RGB-coded components)";
            }

            // libjpeg's rule without JFIF or Adobe segments: components named R, G, B are RGB, anything else YCbCr.
            if (!header.HasJfif && header.AdobeTransform is null &&
                header.Components.Select(c => c.Id).SequenceEqual("RGB"u8.ToArray()))
            {
                return "RGB-coded components (ids R, G, B)";
            }

            if (!IsUsualChromaLayout(header.Components))
            {
                string layout = string.Join(", ", header.Components.Select(c => $"{c.Horizontal}x{c.Vertical}"));
                return $"an unusual chroma subsampling ({layout})";
            }
        }
        else if (header.Components.Count != 1)
        {
            return $"{header.Components.Count} colour components";
        }

        if (header.Icc is { } icc && !ColourManagement.IsSrgbProfile(icc))
        {
            return "an embedded ICC profile other than sRGB, whose colours libvips converts";
        }

        return null;
    }

    /// <summary>Luma sampled 1x1, 2x1, 2x2, 1x2, 4x1 or 4x2 and both chroma components 1x1: 4:4:4, 4:2:2, 4:2:0, 4:4:0,
    /// 4:1:1 and 4:1:0, the layouts nvJPEG names.</summary>
    private static bool IsUsualChromaLayout(IReadOnlyList<JpegComponent> components)
    {
        JpegComponent luma = components[0];
        bool chromaFull = components.Skip(1).All(c => c.Horizontal == 1 && c.Vertical == 1);
        return chromaFull && (luma.Horizontal, luma.Vertical) is (1, 1) or (2, 1) or (2, 2) or (1, 2) or (4, 1) or (4, 2);
    }
}
