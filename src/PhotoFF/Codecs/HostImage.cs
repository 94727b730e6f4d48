using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// A decoded image in native host memory (RGBA8, straight alpha, sRGB, rows packed), on its way to a backend. It holds
/// its share of a <see cref="DecodeMemoryBudget"/> until disposed, which frees the pixels and returns the share.
/// </summary>
public sealed class HostImage : IDisposable
{
    private readonly HostPixels pixels;
    private readonly IDisposable reservation;

    internal HostImage(ImageSize size, HostPixels pixels, ImageMetadata metadata, string format, IReadOnlyList<string> warnings,
        IDisposable reservation)
    {
        Width = size.Width;
        Height = size.Height;
        this.pixels = pixels;
        this.reservation = reservation;
        Metadata = metadata;
        Format = format;
        Warnings = warnings;
    }

    public int Width { get; }

    public int Height { get; }

    public ReadOnlySpan<byte> Pixels => pixels.Span;

    public ImageMetadata Metadata { get; }

    /// <summary>The libvips loader's format ("jpeg", "png", ...).</summary>
    public string Format { get; }

    /// <summary>What the decoder complained about or left out (a lenient decode's damage, frames after the first).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public void Dispose()
    {
        pixels.Dispose();
        reservation.Dispose();
    }
}
