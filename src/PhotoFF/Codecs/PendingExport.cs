using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Codecs.Gpu;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// An image's pixels on their way to a file, owned by the export until written. Taken on the pipeline thread without a
/// wait: the image's own buffer when the image is done with (Export-CudaImage without -PassThru), else a device copy,
/// because the next cmdlet may change the image in place. Written on a worker: a JPEG of a CUDA image is encoded by
/// nvJPEG and only its bytes come back; anything else is downloaded there (or read in place, on the CPU backend) and
/// encoded by libvips.
/// </summary>
internal sealed class PendingExport : IDisposable
{
    private readonly IImageBackend backend;
    private PixelBuffer? pixels;
    private DeviceClaim? claim;

    private PendingExport(IImageBackend backend, PixelBuffer pixels, int width, int height, DeviceClaim? claim = null)
    {
        this.backend = backend;
        this.pixels = pixels;
        this.claim = claim;
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Takes <paramref name="image"/>'s pixels: its buffer (the image is disposed by this, and its claim on its
    /// device, <see cref="DeviceSpread"/>, lasts until the file is written), or with <paramref name="keepImage"/> a copy
    /// queued on the device.</summary>
    public static PendingExport Take(CudaImage image, bool keepImage)
    {
        int width = image.Width;
        int height = image.Height;
        if (!keepImage)
        {
            PixelBuffer detached = image.DetachPixels();
            return new PendingExport(image.Backend, detached, width, height, image.TakeClaim());
        }

        PixelBuffer copy = image.AllocateLike(width, height);
        try
        {
            ImageOperations.Run(image.Backend, () =>
            {
                image.Backend.Copy(image.Pixels, copy, image.ByteCount);
                return copy;
            });
            return new PendingExport(image.Backend, copy, width, height);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Encodes and writes the file (atomically, as <see cref="ImageEncoder.WriteFile"/>); blocks until done.</summary>
    public void WriteFile(string path, EncodeOptions options, ImageMetadata metadata, bool overwrite)
    {
        PixelBuffer live = pixels ?? throw new ObjectDisposedException(nameof(PendingExport));
        byte[]? encoded = options.Format == ImageFormat.Jpeg ? ImageOperations.Run(backend, () => EncodeOnGpu(live, options, metadata)) : null;
        if (encoded is not null)
        {
            ImageEncoder.WriteEncoded(path, encoded, overwrite);
            return;
        }

        if (live is CpuPixelBuffer host)
        {
            // The CPU backend's pixels are host memory already, and this export owns them: encode them where they are.
            ImageEncoder.WriteFile(path, host.Bytes(CudaImage.PixelBytes(Width, Height)), Width, Height, metadata, options, overwrite);
            return;
        }

        // Native memory, not a large array the collector would keep committed after it (see HostPixels).
        using HostPixels rgba = new(CudaImage.PixelBytes(Width, Height));
        ImageOperations.Download(backend, live, rgba.Span);
        ImageEncoder.WriteFile(path, rgba.Span, Width, Height, metadata, options, overwrite);
    }

    /// <summary>The file's bytes from nvJPEG, metadata spliced in; null where libvips must encode instead (no GPU
    /// encoder, an image nvJPEG refuses, metadata that does not fit JPEG segments).</summary>
    private byte[]? EncodeOnGpu(PixelBuffer live, EncodeOptions options, ImageMetadata metadata)
    {
        if (NvjpegCodec.For(backend)?.Encoder is not { } encoder)
        {
            return null;
        }

        int quality = options.Quality ?? ImageEncoder.DefaultQuality(ImageFormat.Jpeg)!.Value;
        byte[]? encoded = encoder.Encode(live, Width, Height, quality);
        return encoded is not null && options.KeepMetadata ? JpegMetadataWriter.Splice(encoded, metadata) : encoded;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref pixels, null)?.Dispose();
        Interlocked.Exchange(ref claim, null)?.Dispose();
    }
}
