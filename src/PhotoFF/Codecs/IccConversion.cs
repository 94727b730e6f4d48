using NetVips;

namespace PhotoFF.Codecs;

/// <summary>
/// RGBA8 pixels that a decoder other than libvips produced, in the colour space of an ICC profile, to sRGB: the same
/// conversion (<see cref="ColourManagement.ToSrgb"/>) that libvips-decoded images get.
/// </summary>
internal static class IccConversion
{
    public static byte[] ToSrgb(byte[] rgba, int width, int height, byte[] icc, VipsMessageCapture capture)
    {
        if (ColourManagement.IsSrgbProfile(icc))
        {
            return rgba;
        }

        using var raw = VipsMemoryPressure.Untracked(Image.NewFromMemory(rgba, width, height, 4, Enums.BandFormat.Uchar));
        using var srgbTagged = raw.Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = srgbTagged.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", icc));
        try
        {
            using var srgb = ColourManagement.ToSrgb(tagged, capture);
            using var uchar = ColourManagement.ToUchar(srgb);
            var pixels = uchar.WriteToMemory<byte>();
            if (pixels.LongLength != rgba.LongLength)
            {
                throw new InvalidOperationException($"The ICC conversion returned {pixels.LongLength} bytes for {width}x{height} RGBA pixels.");
            }

            return pixels;
        }
        catch (VipsException e)
        {
            capture.Note($"ignored the embedded ICC profile ({VipsErrors.Clean(e.Message, null)})");
            return rgba;
        }
    }
}
