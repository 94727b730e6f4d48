using NetVips;

using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs.Heif;
using PhotoFF.Cuda.Nvdec;

using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// Files, buffers and streams to RGBA8 sRGB pixels through libvips: strict by default, pixel-limited,
/// auto-oriented, with the metadata blobs kept aside. Safe to call from many threads at once.
/// </summary>
/// <remarks>
/// Pixels are pulled through the libvips pipeline with <see cref="Region.Fetch"/> in horizontal strips on
/// the calling thread instead of <see cref="Image.WriteToMemory()"/>, which runs the pipeline on libvips'
/// worker threads. That way every warning a loader logs arrives on the thread whose
/// <see cref="VipsMessageCapture"/> is open, and concurrent decodes never see each other's messages. The
/// parallelism lives one level up: callers decode many images on many threads.
/// </remarks>
public static class ImageDecoder
{
    // Strips of about this many bytes keep the intermediate buffers of every operation in the pipeline small, and in the
    // cache while the strip is copied out.
    private const long StripBytes = 256L << 10;

    // A lenient decode keeps every strip decoded before the damage, so it asks for thin ones (two JPEG MCU rows).
    private const int LenientStripRows = 16;

    // What browsers and libjpeg show where a damaged image has no data.
    private const byte MissingGrey = 128;

    public static DecodedImage Decode(string path, DecodeOptions options) => Decode(path, options, into: null);

    /// <summary>As <see cref="Decode(string, DecodeOptions)"/>; with <paramref name="into"/>, the pixels go straight
    /// into a buffer of that backend where they can (<see cref="DecodeCore"/>).</summary>
    private static DecodedImage Decode(string path, DecodeOptions options, CpuBackend? into)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = CheckReadable(path);
        if (HeifFile.TryOpen(fullPath, path) is { } heif)
        {
            return HeifCpuDecoder.Decode(heif, options);
        }

        using var capture = VipsMessageCapture.Begin();
        var loader = FindLoader(() => Image.FindLoad(fullPath), path);
        return DecodeCore(
            () => Image.NewFromFile(fullPath, access: Enums.Access.Sequential, failOn: FailOn(options),
                revalidate: true),
            loader, path, fullPath, options, capture, into);
    }

    /// <summary>
    /// Decodes for images on <paramref name="target"/>: an HEIC file whose HEVC streams the target's GPU decodes (NVDEC)
    /// comes back already on the device (<see cref="DecodedImage.DeviceImage"/>), and so does, for the CPU backend, a file
    /// that libvips decodes straight into the backend's buffer; any other file, as
    /// <see cref="Decode(string, DecodeOptions)"/> decodes it, on the host.
    /// </summary>
    internal static DecodedImage Decode(string path, DecodeOptions options, IImageBackend target)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        if (target is CpuBackend cpu)
        {
            return Decode(path, options, cpu);
        }

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
            return HeifCpuDecoder.Decode(heif, options);
        }

        using var capture = VipsMessageCapture.Begin();
        var loader = FindLoader(() => Image.FindLoadBuffer(bytes), name);
        return DecodeCore(
            () => Image.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: FailOn(options),
                kwargs: new VOption { { "revalidate", true } }),
            loader, name, null, options, capture);
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

    /// <summary>Reads only the header: the size the image will have after auto-orientation.</summary>
    public static ImageSize ReadSize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = CheckReadable(path);
        if (HeifFile.TryOpen(fullPath, path) is { } heif)
        {
            return heif.Size;
        }

        using var capture = VipsMessageCapture.Begin();
        FindLoader(() => Image.FindLoad(fullPath), path);
        try
        {
            using var image = Image.NewFromFile(fullPath, access: Enums.Access.Sequential,
                failOn: Enums.FailOn.Error, revalidate: true);
            return OrientedSize(image, autoOrient: true);
        }
        catch (VipsException e)
        {
            throw VipsErrors.ToCodecException(e, CodecErrorKind.Corrupt, path, fullPath, capture.Messages);
        }
    }

    private static Enums.FailOn FailOn(DecodeOptions options) =>
        options.Lenient ? Enums.FailOn.None : Enums.FailOn.Error;

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

        if (File.Exists(fullPath))
        {
            return fullPath;
        }

        if (Directory.Exists(fullPath))
        {
            throw new CodecException(CodecErrorKind.Unreadable, path, "it is a directory, not an image file");
        }

        throw new CodecException(CodecErrorKind.NotFound, path, "the file does not exist");
    }

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

    /// <summary>
    /// Opens, checks and decodes. With <paramref name="into"/> (the CPU backend) and no orientation to apply, the strips
    /// go straight into a new buffer of that backend, returned as <see cref="DecodedImage.DeviceImage"/>: the image a
    /// pipeline would otherwise copy there from a managed array, which is one pass over the pixels less and no
    /// image-sized array for the garbage collector.
    /// </summary>
    private static DecodedImage DecodeCore(Func<Image> open, string loader, string? name, string? fullPath,
        DecodeOptions options, VipsMessageCapture capture, CpuBackend? into = null)
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

        using (source)
        {
            var size = OrientedSize(source, options.AutoOrient);
            CheckPixelLimit(size, options.MaxPixels, name);
            var metadata = ReadMetadata(source);
            var format = FormatName(source, loader);
            var orientation = options.AutoOrient ? Orientation(source) : 1;
            bool oriented = orientation is > 1 and <= 8;
            var bytes = 4L * size.Width * size.Height;
            byte[] pixels = [];
            CudaImage? image = into is not null && !oriented
                ? new CudaImage(into, into.Allocate(bytes), size.Width, size.Height)
                : null;
            try
            {
                using var converted = ToSrgbUchar(source, capture);
                if (image is not null)
                {
                    FetchPixels(converted ?? source, ((CpuPixelBuffer)image.Pixels).Bytes(bytes), options.Lenient, capture, fullPath);
                }
                else
                {
                    pixels = GC.AllocateUninitializedArray<byte>(checked((int)bytes));
                    FetchPixels(converted ?? source, pixels, options.Lenient, capture, fullPath);
                    if (oriented)
                    {
                        pixels = Orient(pixels, source.Width, source.Height, orientation);
                    }
                }
            }
            catch (VipsException e)
            {
                image?.Dispose();
                throw VipsErrors.ToCodecException(e, VipsErrors.PixelFailureKind(source, e, capture.Messages),
                    name, fullPath, capture.Messages);
            }
            catch
            {
                image?.Dispose();
                throw;
            }

            VipsErrors.DiscardStale();
            var warnings = VipsErrors.Warnings(capture.Messages, fullPath);
            return image is not null
                ? new DecodedImage(image, metadata, name, format, warnings)
                : new DecodedImage(size.Width, size.Height, pixels, metadata, name, format, warnings);
        }
    }

    private static ImageSize OrientedSize(Image image, bool autoOrient) =>
        autoOrient && Orientation(image) is >= 5 and <= 8
            ? new ImageSize(image.Height, image.Width)
            : new ImageSize(image.Width, image.Height);

    internal static int Orientation(Image image) =>
        image.Contains("orientation") && image.Get("orientation") is int orientation ? orientation : 1;

    internal static void CheckPixelLimit(ImageSize size, long maxPixels, string? name)
    {
        // A byte[] cannot hold more than Array.MaxLength bytes, whatever the configured limit says.
        var hardLimit = Array.MaxLength / 4;
        if (size.Pixels > maxPixels || size.Pixels > hardLimit)
        {
            var limit = Math.Min(maxPixels, hardLimit);
            throw new CodecException(CodecErrorKind.TooLarge, name,
                $"the image is {size.Width}x{size.Height} ({size.Pixels / 1e6:0.#} megapixels), above the limit of " +
                $"{limit} pixels ({limit / 1e6:0.#} megapixels); raise MaxPixels to decode it");
        }
    }

    internal static ImageMetadata ReadMetadata(Image image)
    {
        var exif = Blob(image, "exif-data");
        var xmp = Blob(image, "xmp-data");
        var icc = Blob(image, "icc-profile-data");
        return exif is null && xmp is null && icc is null ? ImageMetadata.None : new ImageMetadata(exif, xmp, icc);
    }

    private static byte[]? Blob(Image image, string field) =>
        image.Contains(field) && image.Get(field) is byte[] { Length: > 0 } bytes ? bytes : null;

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

    /// <summary>
    /// The lazy pipeline from whatever the loader produced to uchar sRGB of 1 to 4 bands (grey, grey and alpha, RGB, RGBA;
    /// <see cref="FetchPixels"/> expands them to RGBA); null when the source is that already, without a profile to apply
    /// (a camera JPEG), so that it goes through no operation at all: each one costs a pass over the pixels.
    /// </summary>
    private static Image? ToSrgbUchar(Image source, VipsMessageCapture capture)
    {
        var stages = new List<Image>();
        Image Keep(Image image)
        {
            stages.Add(image);
            return image;
        }

        try
        {
            var image = source;
            if (image.Coding != Enums.Coding.None)
            {
                image = Keep(image.Copy(coding: Enums.Coding.None));
            }

            if (!ColourManagement.IsSrgbUchar(image))
            {
                image = Keep(ColourManagement.ToSrgb(image, capture));
                image = Keep(ColourManagement.ToUchar(image));
            }

            if (image.Bands > 4)
            {
                image = Keep(image.ExtractBand(0, n: 4));
            }

            // The caller disposes the result; the stages before it live on inside libvips as long as it needs them.
            if (stages.Count == 0)
            {
                return null;
            }

            stages.RemoveAt(stages.Count - 1);
            return image;
        }
        finally
        {
            foreach (var stage in stages)
            {
                stage.Dispose();
            }
        }
    }

    /// <summary>
    /// Pulls the pixels through the pipeline in strips on this thread into <paramref name="rgba"/> (4 x width x height
    /// bytes), each strip copied once, from libvips' memory straight to its place, and expanded to RGBA there
    /// (<see cref="PixelBands"/>).
    /// </summary>
    private static unsafe void FetchPixels(Image image, Span<byte> rgba, bool lenient, VipsMessageCapture capture, string? fullPath)
    {
        var width = image.Width;
        var height = image.Height;
        var bands = image.Bands;
        var rowBytes = 4L * width;
        if (rgba.Length != rowBytes * height)
        {
            throw new ArgumentException($"A {width}x{height} RGBA image has {rowBytes * height} bytes, not {rgba.Length}.", nameof(rgba));
        }

        var stripRows = lenient ? LenientStripRows : (int)Math.Clamp(StripBytes / ((long)bands * width), 16, 1024);
        stripRows = Math.Min(stripRows, height);
        using var region = Region.New(image);
        fixed (byte* pixels = rgba)
        {
            for (var top = 0; top < height; top += stripRows)
            {
                var rows = Math.Min(stripRows, height - top);
                // The callback cannot capture a span: it gets where the strip goes as an address.
                var target = new StripTarget((nint)(pixels + rowBytes * top), (int)(rowBytes * rows), bands);
                try
                {
                    VipsNative.Fetch(region, 0, top, width, rows, target, static (strip, at) => at.Write(strip));
                }
                catch (VipsException e) when (lenient && top > 0)
                {
                    // libvips gives up on badly damaged data even with fail_on none (a JPEG stops after 100 libjpeg
                    // warnings), and a sequential read cannot resume after that. Lenient means the user prefers
                    // the part that decoded to no image: keep it, fill the rest, and say so.
                    foreach (var line in VipsErrors.Warnings([e.Message], fullPath))
                    {
                        capture.Note(line);
                    }

                    capture.Note($"only rows 0-{top - 1} of {height} could be decoded; the remaining rows are grey");
                    FillGrey(rgba[(int)(rowBytes * top)..]);
                    return;
                }
            }
        }
    }

    /// <summary>Where one strip of <see cref="FetchPixels"/> goes: its RGBA bytes, and the bands libvips hands over.</summary>
    private readonly record struct StripTarget(nint Address, int Length, int Bands)
    {
        public unsafe void Write(ReadOnlySpan<byte> strip)
        {
            if (strip.Length != Length / 4 * Bands)
            {
                throw new InvalidOperationException($"libvips returned {strip.Length} bytes for {Length / 4} pixels of {Bands} bands.");
            }

            PixelBands.ExpandToRgba(strip, Bands, new Span<byte>((void*)Address, Length));
        }
    }

    private static void FillGrey(Span<byte> rgba)
    {
        rgba.Fill(MissingGrey);
        for (var i = 3; i < rgba.Length; i += 4)
        {
            rgba[i] = 255;
        }
    }

    /// <summary>Applies an EXIF orientation (2..8) to packed RGBA8 pixels, as libvips' autorot would.</summary>
    private static byte[] Orient(byte[] pixels, int width, int height, int orientation)
    {
        using var image = Image.NewFromMemoryCopy<byte>(pixels, width, height, 4, Enums.BandFormat.Uchar);
        using var tagged = image.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        using var oriented = tagged.Autorot();
        return oriented.WriteToMemory<byte>();
    }
}
