using NetVips;

using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs.Heif;
using PhotoFF.Cuda.Nvdec;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// Files, buffers and streams to RGBA8 sRGB pixels: strict by default, pixel-limited, auto-oriented, with the metadata
/// blobs kept aside. Safe to call from many threads at once. HEVC-coded HEIF (HEIC) goes to the HEIF decoders (NVDEC on
/// a CUDA device that can, else libheif); everything else to libvips, whose <see cref="Open(string, DecodeOptions)"/>
/// reads the header only (<see cref="ImageReader"/>), so that a caller can budget memory before the pixels are decoded.
/// </summary>
public static class ImageDecoder
{
    public static DecodedImage Decode(string path, DecodeOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = CheckReadable(path);
        if (HeifFile.TryOpen(fullPath, path) is { } heif)
        {
            return VipsErrorGate.Run(() => HeifCpuDecoder.Decode(heif, options));
        }

        return VipsErrorGate.Run(() =>
        {
            using var reader = OpenReadable(fullPath, path, options, checkPixelLimit: true);
            return ToDecodedImage(reader, path);
        });
    }

    /// <summary>
    /// Decodes for images on <paramref name="target"/>: an HEIC file whose HEVC streams the target's GPU decodes (NVDEC)
    /// comes back already on the device (<see cref="DecodedImage.DeviceImage"/>); any other file, as
    /// <see cref="Decode(string, DecodeOptions)"/> decodes it, on the host.
    /// </summary>
    internal static DecodedImage Decode(string path, DecodeOptions options, IImageBackend target)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        if (target is not CudaBackend cuda || HeifFile.TryOpen(CheckReadable(path), path) is not { } heif)
        {
            return Decode(path, options);
        }

        if (!HeifGpuDecoder.CanDecode(heif, cuda, out var reason))
        {
            return HeifCpuDecoder.Decode(heif, options, reason);
        }

        try
        {
            return new DecodedImage(HeifGpuDecoder.Decode(heif, cuda, options), heif.Metadata, path, "heif");
        }
        catch (NvdecUnsupportedException e)
        {
            return HeifCpuDecoder.Decode(heif, options, e.Message);
        }
    }

    public static DecodedImage Decode(ReadOnlySpan<byte> encoded, DecodeOptions options, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (encoded.IsEmpty)
        {
            throw new CodecException(CodecErrorKind.Unsupported, name, "the data is empty");
        }

        // NetVips pins a managed array for the image's lifetime; a span cannot promise that.
        var bytes = encoded.ToArray();
        if (HeifFile.TryOpen(bytes, name) is { } heif)
        {
            return VipsErrorGate.Run(() => HeifCpuDecoder.Decode(heif, options));
        }

        return VipsErrorGate.Run(() =>
        {
            using var reader = OpenBuffer(bytes, options, name);
            return ToDecodedImage(reader, name);
        });
    }

    /// <remarks>
    /// The stream is read to its end first and decoded from memory: the encoded bytes are small next to the
    /// pixels, the stream need not be seekable, and libvips never calls back into the stream from its threads.
    /// </remarks>
    public static DecodedImage Decode(Stream stream, DecodeOptions options, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        byte[] bytes;
        try
        {
            if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
            {
                bytes = segment.AsSpan((int)memory.Position).ToArray();
                memory.Position = memory.Length;
            }
            else
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
        }
        catch (IOException e)
        {
            throw new CodecException(CodecErrorKind.Unreadable, name, e.Message, e);
        }

        return Decode(bytes, options, name);
    }

    /// <summary>
    /// Decodes <paramref name="path"/> for images on <paramref name="target"/> within a <see cref="DecodeMemoryBudget"/>:
    /// the header is read, then <paramref name="ticket"/> waits its turn and for room for the memory the decode takes
    /// (<see cref="ImageReader.DecodeBytes"/>; for HEIC, the image and the decoder's planes, on the device when NVDEC
    /// decodes it), then the pixels are decoded: into native host memory, onto the device, or for the CPU backend into a
    /// buffer of its pool. The result holds the reservation until it is disposed. The ticket is used up either way.
    /// </summary>
    /// <exception cref="CodecException">The file cannot be decoded, or it alone needs more than the whole budget.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting or decoding.</exception>
    internal static PendingImage Decode(string path, DecodeOptions options, IImageBackend target, DecodeMemoryBudget.Ticket ticket,
        CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ticket);
        HostPixels? pixels = null;
        CudaImage? image = null;
        try
        {
            var fullPath = CheckReadable(path);
            if (HeifFile.TryOpen(fullPath, path) is { } heif)
            {
                return DecodeHeif(heif, path, options, target, ticket, cancellation);
            }

            // The header and the pixels each under the error gate, but not the wait for memory between them.
            using var reader = VipsErrorGate.Run(() => OpenReadable(fullPath, path, options, checkPixelLimit: true));
            ticket.Reserve(reader.DecodeBytes, path, cancellation);
            if (target is CpuBackend cpu)
            {
                // The CPU backend's images live in host memory: decode straight into a buffer of its pool, which is one
                // image-sized copy less than decoding into host pixels and uploading them.
                image = new CudaImage(cpu, cpu.Allocate(reader.PixelBytes), reader.Size.Width, reader.Size.Height);
                CpuPixelBuffer buffer = (CpuPixelBuffer)image.Pixels;
                IReadOnlyList<string> imageWarnings = ReadPixels(reader, fullPath, path, options, () => buffer.Bytes(reader.PixelBytes), cancellation);
                return new PendingImage(image, reader.Metadata, reader.Format, ticket, imageWarnings);
            }

            HostPixels destination = pixels = new HostPixels(reader.PixelBytes);
            IReadOnlyList<string> warnings = ReadPixels(reader, fullPath, path, options, () => destination.Span, cancellation);
            return new PendingImage(reader.Size, pixels, reader.Metadata, reader.Format, warnings, ticket);
        }
        catch
        {
            pixels?.Dispose();
            image?.Dispose();
            ticket.Dispose();
            throw;
        }
    }

    /// <summary>Where decoded pixels go: asked again for each run (a span cannot be kept in a lambda).</summary>
    private delegate Span<byte> PixelDestination();

    /// <summary>The reader's pixels into <paramref name="destination"/>, under the error gate (run once more alone if
    /// libvips fails, as the gate does); the warnings of the run that counted.</summary>
    private static IReadOnlyList<string> ReadPixels(ImageReader reader, string fullPath, string path, DecodeOptions options,
        PixelDestination destination, CancellationToken cancellation)
    {
        int attempts = 0;
        return VipsErrorGate.Run(() =>
        {
            if (attempts++ == 0)
            {
                reader.ReadPixels(destination(), cancellation);
                return reader.Warnings;
            }

            // A reader reads once: the second run, alone, opens the file again.
            using var again = OpenReadable(fullPath, path, options, checkPixelLimit: true);
            again.ReadPixels(destination(), cancellation);
            return again.Warnings;
        });
    }

    /// <summary>HEIC within the budget: libheif holds its planes besides the RGBA image, NVDEC its NV12 surfaces on the
    /// device besides the image it makes there; both about as much again as the image, which is what is reserved.</summary>
    private static PendingImage DecodeHeif(HeifFile heif, string path, DecodeOptions options, IImageBackend target,
        DecodeMemoryBudget.Ticket ticket, CancellationToken cancellation)
    {
        heif.CheckPixelLimit(options);
        ticket.Reserve(2 * 4 * heif.Size.Pixels, path, cancellation);
        string? whyNotGpu = null;
        if (target is CudaBackend cuda)
        {
            if (HeifGpuDecoder.CanDecode(heif, cuda, out var reason))
            {
                try
                {
                    return new PendingImage(HeifGpuDecoder.Decode(heif, cuda, options), heif.Metadata, "heif", ticket);
                }
                catch (NvdecUnsupportedException e)
                {
                    reason = e.Message;
                }
            }

            whyNotGpu = reason;
        }

        cancellation.ThrowIfCancellationRequested();
        DecodedImage decoded = VipsErrorGate.Run(() => HeifCpuDecoder.Decode(heif, options, whyNotGpu));
        return new PendingImage(decoded, ticket);
    }

    /// <summary>Opens a file and reads its header: what it is, its size, metadata and the memory decoding takes.</summary>
    /// <exception cref="CodecException">Not a regular file, unreadable, not an image, or above the pixel limit.</exception>
    /// <remarks>This is libvips' reading: an HEIC file opens, but its HEVC pixels are the HEIF decoders' (see
    /// <see cref="Decode(string, DecodeOptions)"/>).</remarks>
    public static ImageReader Open(string path, DecodeOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = CheckReadable(path);
        return VipsErrorGate.Run(() => OpenReadable(fullPath, path, options, checkPixelLimit: true));
    }

    /// <summary>Reads only the header: the size the image will have after auto-orientation, whatever the pixel limit.</summary>
    public static ImageSize ReadSize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = CheckReadable(path);
        if (HeifFile.TryOpen(fullPath, path) is { } heif)
        {
            return heif.Size;
        }

        return VipsErrorGate.Run(() =>
        {
            using var reader = OpenReadable(fullPath, path, DecodeOptions.Default, checkPixelLimit: false);
            return reader.Size;
        });
    }

    /// <summary>Opens a file that <see cref="CheckReadable"/> let through.</summary>
    private static ImageReader OpenReadable(string fullPath, string path, DecodeOptions options, bool checkPixelLimit)
    {
        var capture = VipsMessageCapture.Begin();
        try
        {
            var loader = FindLoader(() => Image.FindLoad(fullPath), path);
            return OpenCore(
                () => Image.NewFromFile(fullPath, access: Enums.Access.Sequential, failOn: FailOn(options), revalidate: true),
                loader, path, fullPath, options, capture, checkPixelLimit);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>Opens encoded bytes through libvips and reads the header; libvips keeps the array for the reader's
    /// lifetime.</summary>
    private static ImageReader OpenBuffer(byte[] bytes, DecodeOptions options, string? name)
    {
        var capture = VipsMessageCapture.Begin();
        try
        {
            var loader = FindLoader(() => Image.FindLoadBuffer(bytes), name);
            return OpenCore(
                () => Image.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: FailOn(options),
                    kwargs: new VOption { { "revalidate", true } }),
                loader, name, null, options, capture);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses what is not a regular file before anything opens it: opening a FIFO for reading blocks until a writer
    /// comes (an import would hang), and a device can be read forever.
    /// </summary>
    internal static string CheckReadable(string path)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CodecException(CodecErrorKind.NotFound, path, $"the path is not valid ({e.Message})", e);
        }

        FileStatus status = FileProbe.Stat(fullPath);
        return status.Kind switch
        {
            FileKind.Regular => fullPath,
            FileKind.Missing => throw new CodecException(CodecErrorKind.NotFound, path, "the file does not exist"),
            FileKind.Directory => throw new CodecException(CodecErrorKind.Unreadable, path, "it is a directory, not an image file"),
            FileKind.Unknown => throw new CodecException(CodecErrorKind.Unreadable, path, "it cannot be examined (no permission?)"),
            _ => throw new CodecException(CodecErrorKind.Unreadable, path,
                $"it is {status.Description}, not a regular file; PhotoFF reads only regular files (reading this one could block forever)"),
        };
    }

    /// <summary>Refuses an image above the pixel limit, or larger than one .NET array of pixels holds (the HEIF
    /// decoders' output).</summary>
    internal static void CheckPixelLimit(ImageSize size, long maxPixels, string? name)
    {
        var hardLimit = Array.MaxLength / 4;
        if (size.Pixels > maxPixels || size.Pixels > hardLimit)
        {
            var limit = Math.Min(maxPixels, hardLimit);
            throw new CodecException(CodecErrorKind.TooLarge, name,
                $"the image is {size.Width}x{size.Height} ({size.Pixels / 1e6:0.#} megapixels), above the limit of " +
                $"{limit} pixels ({limit / 1e6:0.#} megapixels); raise MaxPixels to decode it");
        }
    }

    /// <summary>The EXIF orientation libvips read from the header (1 to 8 as written; 1 when there is none).</summary>
    internal static int Orientation(Image image) =>
        image.Contains("orientation") && image.Get("orientation") is int orientation ? orientation : 1;

    internal static ImageMetadata ReadMetadata(Image image)
    {
        var exif = Blob(image, "exif-data");
        var xmp = Blob(image, "xmp-data");
        var icc = Blob(image, "icc-profile-data");
        return exif is null && xmp is null && icc is null ? ImageMetadata.None : new ImageMetadata(exif, xmp, icc);
    }

    /// <summary>"jpeg", "png", "heif"...: the loader's nickname ("jpegload_buffer") without the "load" part.</summary>
    internal static string FormatName(Image image, string loaderClass)
    {
        var name = image.Contains("vips-loader") && image.Get("vips-loader") is string { Length: > 0 } nickname
            ? nickname
            : loaderClass.Replace("VipsForeignLoad", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        foreach (var marker in (string[])["load", "file", "buffer", "source"])
        {
            var cut = name.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                name = name[..cut];
            }
        }

        return name;
    }

    private static byte[]? Blob(Image image, string field) =>
        image.Contains(field) && image.Get(field) is byte[] { Length: > 0 } bytes ? bytes : null;

    private static Enums.FailOn FailOn(DecodeOptions options) =>
        options.Lenient ? Enums.FailOn.None : Enums.FailOn.Error;

    internal static string FindLoader(Func<string?> find, string? name)
    {
        string? loader;
        try
        {
            loader = find();
        }
        catch (VipsException e)
        {
            throw VipsErrors.ToCodecException(e, CodecErrorKind.Unreadable, name, null, []);
        }

        if (loader is null)
        {
            VipsErrors.DiscardStale();

            // FindLoad also answers null when libvips cannot open the file at all.
            if (name is not null && File.Exists(name))
            {
                try
                {
                    using var probe = File.OpenRead(name);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CodecException(CodecErrorKind.Unreadable, name, e.Message, e);
                }
            }

            throw new CodecException(CodecErrorKind.Unsupported, name,
                "not an image format that this libvips build can read");
        }

        return loader;
    }

    private static ImageReader OpenCore(Func<Image> open, string loader, string? name, string? fullPath,
        DecodeOptions options, VipsMessageCapture capture, bool checkPixelLimit = true)
    {
        Image source;
        try
        {
            source = open();
        }
        catch (VipsException e)
        {
            throw VipsErrors.ToCodecException(e, CodecErrorKind.Corrupt, name, fullPath, capture.Messages);
        }

        ImageReader reader;
        try
        {
            reader = new ImageReader(source, loader, name, fullPath, options, capture);
        }
        catch
        {
            source.Dispose();
            throw;
        }

        if (checkPixelLimit)
        {
            try
            {
                reader.CheckPixelLimit();
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        return reader;
    }

    private static DecodedImage ToDecodedImage(ImageReader reader, string? name)
    {
        if (reader.PixelBytes > Array.MaxLength)
        {
            throw new CodecException(CodecErrorKind.TooLarge, name,
                $"the image is {reader.Size} ({reader.PixelBytes} bytes of pixels), more than one .NET array holds; " +
                "Import-CudaImage reads it");
        }

        var pixels = GC.AllocateUninitializedArray<byte>((int)reader.PixelBytes);
        reader.ReadPixels(pixels);
        return new DecodedImage(reader.Size.Width, reader.Size.Height, pixels, reader.Metadata, name, reader.Format, reader.Warnings);
    }
}
