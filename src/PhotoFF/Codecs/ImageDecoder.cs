using NetVips;

namespace PhotoFF.Codecs;

/// <summary>
/// Files, buffers and streams to RGBA8 sRGB pixels through libvips: strict by default, pixel-limited, auto-oriented,
/// with the metadata blobs kept aside. Safe to call from many threads at once. <see cref="Open(string, DecodeOptions)"/>
/// reads the header only (<see cref="ImageReader"/>), so that a caller can budget memory before the pixels are decoded;
/// the <c>Decode</c> methods do both steps into a managed array.
/// </summary>
public static class ImageDecoder
{
    public static DecodedImage Decode(string path, DecodeOptions options)
    {
        using var reader = Open(path, options);
        return ToDecodedImage(reader, path);
    }

    public static DecodedImage Decode(ReadOnlySpan<byte> encoded, DecodeOptions options, string? name = null)
    {
        using var reader = Open(encoded, options, name);
        return ToDecodedImage(reader, name);
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
    /// Decodes <paramref name="path"/> into native host memory within a <see cref="DecodeMemoryBudget"/>: the header is read,
    /// then <paramref name="ticket"/> waits its turn and for room for <see cref="ImageReader.DecodeBytes"/>, then the
    /// pixels are decoded. The result holds the reservation until it is disposed. The ticket is used up either way.
    /// </summary>
    /// <exception cref="CodecException">The file cannot be decoded, or it alone needs more than the whole budget.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting or decoding.</exception>
    public static HostImage Decode(string path, DecodeOptions options, DecodeMemoryBudget.Ticket ticket, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        HostPixels? pixels = null;
        try
        {
            using var reader = Open(path, options);
            ticket.Reserve(reader.DecodeBytes, path, cancellation);
            pixels = new HostPixels(reader.PixelBytes);
            reader.ReadPixels(pixels.Span, cancellation);
            return new HostImage(reader.Size, pixels, reader.Metadata, reader.Format, reader.Warnings, ticket);
        }
        catch
        {
            pixels?.Dispose();
            ticket.Dispose();
            throw;
        }
    }

    /// <summary>Opens a file and reads its header: what it is, its size, metadata and the memory decoding takes.</summary>
    /// <exception cref="CodecException">Not a regular file, unreadable, not an image, or above the pixel limit.</exception>
    public static ImageReader Open(string path, DecodeOptions options) => Open(path, options, checkPixelLimit: true);

    /// <summary>Reads only the header: the size the image will have after auto-orientation, whatever the pixel limit.</summary>
    public static ImageSize ReadSize(string path)
    {
        using var reader = Open(path, DecodeOptions.Default, checkPixelLimit: false);
        return reader.Size;
    }

    private static ImageReader Open(string path, DecodeOptions options, bool checkPixelLimit)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = CheckReadable(path);
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

    /// <summary>Opens encoded bytes (copied: libvips keeps them for the reader's lifetime) and reads the header.</summary>
    public static ImageReader Open(ReadOnlySpan<byte> encoded, DecodeOptions options, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (encoded.IsEmpty)
        {
            throw new CodecException(CodecErrorKind.Unsupported, name, "the data is empty");
        }

        // NetVips pins a managed array for the image's lifetime; a span cannot promise that.
        var bytes = encoded.ToArray();
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
    private static string CheckReadable(string path)
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

    private static Enums.FailOn FailOn(DecodeOptions options) =>
        options.Lenient ? Enums.FailOn.None : Enums.FailOn.Error;

    private static string FindLoader(Func<string?> find, string? name)
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
