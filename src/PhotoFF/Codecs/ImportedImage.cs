using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// A file decoded for Import-CudaImage: either pixels on the host that still have to be uploaded (the libvips path), or
/// an image already on the device (decoded on the GPU). Disposing it disposes a device image nobody took.
/// </summary>
internal sealed class ImportedImage : IDisposable
{
    private CudaImage? device;

    private ImportedImage(DecodedImage? host, CudaImage? device, ImageMetadata metadata, IReadOnlyList<string> warnings)
    {
        Host = host;
        this.device = device;
        Metadata = metadata;
        Warnings = warnings;
    }

    /// <summary>Host pixels to upload; null when the image was decoded on the GPU.</summary>
    public DecodedImage? Host { get; }

    /// <summary>Whether the image is on the device already (<see cref="TakeDevice"/>).</summary>
    public bool IsOnDevice => device is not null;

    public ImageMetadata Metadata { get; }

    /// <summary>What the decoder complained about (only a lenient libvips decode survives complaints).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public static ImportedImage OnHost(DecodedImage decoded) => new(decoded, null, decoded.Metadata, decoded.Warnings);

    public static ImportedImage OnDevice(CudaImage image, ImageMetadata metadata) => new(null, image, metadata, []);

    /// <summary>Hands over the device image; it is the caller's to dispose from then on.</summary>
    public CudaImage TakeDevice() =>
        Interlocked.Exchange(ref device, null) ?? throw new InvalidOperationException("The image is not on the device, or was taken already.");

    public void Dispose() => Interlocked.Exchange(ref device, null)?.Dispose();
}
