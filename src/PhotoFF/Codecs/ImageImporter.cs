using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs.Gpu;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// Decodes files for one backend, choosing the path per file: a JPEG whose structure is clean and that nvJPEG decodes to
/// libvips' result goes to the GPU (the file read into pinned memory, the header parsed on the CPU, the pixel limit
/// checked before any decoding); everything else goes to <see cref="ImageDecoder"/> as before (libvips, or NVDEC for
/// HEIC). A stream nvJPEG refuses goes to libvips too, so a damaged file ends in libvips' error. Every path refuses what
/// is not a regular file before opening it, and takes its memory from a <see cref="DecodeMemoryBudget"/> before decoding.
/// </summary>
internal sealed class ImageImporter
{
    private readonly IImageBackend backend;
    private readonly GpuJpegDecoder? gpu;
    private readonly DecodeOptions options;

    public ImageImporter(IImageBackend backend, DecodeOptions options)
    {
        this.backend = backend;
        this.options = options;
        gpu = NvjpegCodec.For(backend)?.Decoder;
    }

    /// <summary>Whether JPEG files can take the GPU path on this backend.</summary>
    public bool DecodesJpegOnGpu => gpu is not null;

    /// <summary>
    /// How many files to keep in flight for <paramref name="throttleLimit"/> workers: twice as many, as for any decode;
    /// with the hardware decoder, two of its batches more, so that one batch decodes while the next fills and the
    /// pipeline drains the last.
    /// </summary>
    public int ReadAhead(int throttleLimit) =>
        gpu is { HasHardwareDecoder: true } ? Math.Max(2 * throttleLimit, throttleLimit + 2 * GpuJpegDecoder.MaxBatch) : 2 * throttleLimit;

    /// <summary>
    /// Starts decoding <paramref name="path"/> within <paramref name="ticket"/>'s budget. The CPU part (reading, parsing,
    /// waiting for memory, a libvips decode, the CUDA decoder) runs on the calling thread before this returns; a stream for
    /// the hardware decoder is queued and the task ends when its batch is decoded. An image decoded on the GPU comes back
    /// on its device (<see cref="PendingImage.TakeDeviceImage"/>). The result holds the ticket's reservation until it is
    /// disposed; the ticket is used up either way. Errors are a <see cref="CodecException"/> as from
    /// <see cref="ImageDecoder"/>.
    /// </summary>
    public Task<PendingImage> Start(string path, DecodeMemoryBudget.Ticket ticket, CancellationToken cancellation)
    {
        PinnedBitstream? bitstream = null;
        try
        {
            ImageDecoder.CheckReadable(path);
            if (gpu is null || (bitstream = PinnedBitstream.TryRead(path, (CudaBackend)backend)) is null)
            {
                return Task.FromResult(ImageDecoder.Decode(path, options, backend, ticket, cancellation));
            }

            JpegParseResult parsed = JpegParser.Parse(bitstream.Span);
            if (parsed.Header is null || GpuJpegEligibility.WhyNot(parsed.Header) is not null)
            {
                bitstream.Dispose();
                bitstream = null;
                return Task.FromResult(ImageDecoder.Decode(path, options, backend, ticket, cancellation));
            }

            JpegHeader header = parsed.Header;
            int orientation = options.AutoOrient ? header.Orientation : 1;
            ImageSize size = orientation >= 5 ? new ImageSize(header.Height, header.Width) : new ImageSize(header.Width, header.Height);
            ImageDecoder.CheckPixelLimit(size, options.MaxPixels, path);

            // On the device: the RGBA image and nvJPEG's interleaved RGB scratch; the same covers libvips if nvJPEG refuses.
            ticket.Reserve(7 * size.Pixels, path, cancellation);
            PinnedBitstream submitted = bitstream;
            bitstream = null;
            return Finish(ImageOperations.Run(backend, () => gpu.DecodeAsync(submitted, header, orientation)), path, header.Metadata, ticket);
        }
        catch
        {
            bitstream?.Dispose();
            ticket.Dispose();
            throw;
        }
    }

    private async Task<PendingImage> Finish(Task<CudaImage?> decoding, string path, ImageMetadata metadata, DecodeMemoryBudget.Ticket ticket)
    {
        try
        {
            CudaImage? image = await decoding.ConfigureAwait(false);
            return image is null
                ? new PendingImage(ImageDecoder.Decode(path, options, backend), ticket)
                : new PendingImage(image, metadata, "jpeg", ticket);
        }
        catch
        {
            ticket.Dispose();
            throw;
        }
    }
}
