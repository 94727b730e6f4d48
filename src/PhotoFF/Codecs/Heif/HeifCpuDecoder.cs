using PhotoFF.Codecs.Heif.LibHeif;

namespace PhotoFF.Codecs.Heif;

/// <summary>
/// HEIC on the host: the system's libheif decodes and orients, then an ICC profile, when the file has one that is not
/// sRGB, is converted to sRGB as for every other format. Without libheif it is the MissingCodec error, saying what to
/// install.
/// </summary>
internal static class HeifCpuDecoder
{
    /// <summary>Decodes with libheif; <paramref name="whyNotGpu"/>, when there is a GPU, says why it did not decode the
    /// file, for the message when libheif is missing too.</summary>
    public static DecodedImage Decode(HeifFile file, DecodeOptions options, string? whyNotGpu = null)
    {
        file.CheckPixelLimit(options);
        if (LibHeifDecoder.UnavailableReason is { } reason)
        {
            throw MissingCodec(file.Name, whyNotGpu is null ? reason : $"{reason} (the GPU cannot decode it: {whyNotGpu})");
        }

        byte[] pixels;
        try
        {
            pixels = LibHeifDecoder.Decode(file.Bytes, file.Image.Width, file.Image.Height);
        }
        catch (HeifFormatException e)
        {
            throw HeifFile.ToCodecException(e, file.Name);
        }

        using var capture = VipsMessageCapture.Begin();
        if (file.Image.Icc is { } icc)
        {
            pixels = IccConversion.ToSrgb(pixels, file.Image.Width, file.Image.Height, icc, capture);
        }

        return new DecodedImage(file.Image.Width, file.Image.Height, pixels, file.Metadata, file.Name, "heif",
            VipsErrors.Warnings(capture.Messages, null));
    }

    public static CodecException MissingCodec(string? name, string reason) =>
        new(CodecErrorKind.MissingCodec, name, $"HEIC with HEVC compression needs a decoder: {reason}");
}
