using PhotoFF.Backends;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// A decoded image on its way to a backend: RGBA8 pixels (straight alpha, sRGB, rows packed) in host memory, or
/// already on a device when a GPU decoder read the file. It holds its share of a <see cref="DecodeMemoryBudget"/> until
/// disposed, which frees what it still holds (the host pixels, a device image nobody took) and returns the share.
/// </summary>
public sealed class PendingImage : IDisposable
{
    private readonly HostPixels? nativePixels;
    private readonly byte[]? arrayPixels;
    private readonly IDisposable reservation;
    private CudaImage? deviceImage;
    private DeviceClaim? claim;

    internal PendingImage(ImageSize size, HostPixels pixels, ImageMetadata metadata, string format, IReadOnlyList<string> warnings,
        IDisposable reservation)
        : this(size.Width, size.Height, metadata, format, warnings, reservation)
    {
        nativePixels = pixels;
    }

    /// <summary>What a decoder gave as a <see cref="DecodedImage"/>: host pixels in a managed array, or an image on a
    /// device, whose ownership passes to this.</summary>
    internal PendingImage(DecodedImage decoded, IDisposable reservation)
        : this(decoded.Width, decoded.Height, decoded.Metadata, decoded.SourceFormat ?? string.Empty, decoded.Warnings, reservation)
    {
        arrayPixels = decoded.Pixels;
        deviceImage = decoded.DeviceImage;
    }

    /// <summary>An image a decoder made on its backend (a GPU decoder on its device, libvips in the CPU backend's pool);
    /// whoever takes it (<see cref="TakeDeviceImage"/>) owns it.</summary>
    internal PendingImage(CudaImage onDevice, ImageMetadata metadata, string format, IDisposable reservation,
        IReadOnlyList<string>? warnings = null)
        : this(onDevice.Width, onDevice.Height, metadata, format, warnings ?? [], reservation)
    {
        deviceImage = onDevice;
    }

    private PendingImage(int width, int height, ImageMetadata metadata, string format, IReadOnlyList<string> warnings, IDisposable reservation)
    {
        Width = width;
        Height = height;
        Metadata = metadata;
        Format = format;
        Warnings = warnings;
        this.reservation = reservation;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The host pixels; empty when the image is on a device.</summary>
    public ReadOnlySpan<byte> Pixels => nativePixels is not null ? nativePixels.Span : arrayPixels;

    public ImageMetadata Metadata { get; }

    /// <summary>The decoder's format ("jpeg", "png", "heif", ...).</summary>
    public string Format { get; }

    /// <summary>What the decoder complained about or left out (a lenient decode's damage, frames after the first).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether a GPU decoder made the image on its device (and nobody took it yet).</summary>
    public bool IsOnDevice => Volatile.Read(ref deviceImage) is not null;

    /// <summary>The image a GPU decoder made, handed over to the caller (null when the pixels are on the host, or taken).</summary>
    public CudaImage? TakeDeviceImage() => Interlocked.Exchange(ref deviceImage, null);

    /// <summary>The backend the image goes to: the one it was decoded for (set by <see cref="SpreadImporter"/>).</summary>
    internal IImageBackend? Target { get; private set; }

    /// <summary>Names the backend the image goes to and the claim it holds there (<see cref="DeviceSpread"/>); the claim
    /// is given back with this unless the image takes it (<see cref="TakeClaim"/>).</summary>
    internal void Assign(IImageBackend target, DeviceClaim? held)
    {
        Target = target;
        claim = held;
    }

    /// <summary>The claim on the image's device, handed over to the image made from this.</summary>
    internal DeviceClaim? TakeClaim() => Interlocked.Exchange(ref claim, null);

    public void Dispose()
    {
        nativePixels?.Dispose();
        TakeDeviceImage()?.Dispose();
        TakeClaim()?.Dispose();
        reservation.Dispose();
    }
}
