using System.Buffers;
using NetVips;

using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// An image whose header libvips has read, ready to decode: its size, format and metadata are known and checked against
/// the pixel limit, no pixels are decoded yet. <see cref="DecodeBytes"/> estimates the memory decoding takes, so a
/// caller can wait for room in a <see cref="DecodeMemoryBudget"/> before calling <see cref="ReadPixels"/>, which decodes
/// straight into the caller's buffer. Made by <see cref="ImageDecoder.Open(string, DecodeOptions)"/>; use it on the
/// thread that opened it (libvips' messages are attributed per thread) and dispose it there.
/// </summary>
/// <remarks>
/// Pixels are pulled through the libvips pipeline in horizontal strips on the calling thread instead of through
/// <see cref="Image.WriteToMemory()"/>, which runs the pipeline on libvips' worker threads. That way every warning a
/// loader logs arrives on the thread whose <see cref="VipsMessageCapture"/> is open, and concurrent decodes never see
/// each other's messages. The parallelism lives one level up: callers decode many images on many threads.
/// </remarks>
public sealed class ImageReader : IDisposable
{
    // Strips of about this many bytes keep the intermediate buffers of every operation in the pipeline small, and in the
    // cache while each strip is copied out.
    private const long StripBytes = 256L << 10;

    // A lenient decode keeps every strip decoded before the damage, so it asks for thin ones (two JPEG MCU rows).
    private const int LenientStripRows = 16;

    // What browsers and libjpeg show where a damaged image has no data.
    private const byte MissingGrey = 128;

    /// <summary>The most pixels a decode writes: its buffer is one span of bytes, at most int.MaxValue long.</summary>
    public const long MaxPixels = int.MaxValue / 4;

    // The strips in flight between the operations of the pipeline, and the loader's own buffers: a bound measured
    // generously (a 12 MP JPEG peaks at a few MB above its pixels).
    private const long PipelineBytes = 16L << 20;

    private readonly Image source;
    private readonly VipsMessageCapture capture;
    private readonly string? name;
    private readonly string? fullPath;
    private readonly DecodeOptions options;
    private readonly int orientation;
    private bool read;

    internal ImageReader(Image source, string loader, string? name, string? fullPath, DecodeOptions options, VipsMessageCapture capture)
    {
        this.source = source;
        this.capture = capture;
        this.name = name;
        this.fullPath = fullPath;
        this.options = options;
        orientation = options.AutoOrient ? StoredOrientation(source) : 1;
        Size = OrientedRows.SwapsAxes(orientation)
            ? new ImageSize(source.Height, source.Width)
            : new ImageSize(source.Width, source.Height);
        Format = ImageDecoder.FormatName(source, loader);
        Metadata = ImageDecoder.ReadMetadata(source);
        Pages = source.Contains("n-pages") && source.Get("n-pages") is int pages ? Math.Max(pages, 1) : 1;
        DecodeBytes = 4 * Size.Pixels + WorkingSetBytes(source, Format) + PipelineBytes;
    }

    /// <summary>The size of the decoded image, after auto-orientation.</summary>
    public ImageSize Size { get; }

    /// <summary>The libvips loader's format ("jpeg", "png", "heif", ...).</summary>
    public string Format { get; }

    public ImageMetadata Metadata { get; }

    /// <summary>The frames or pages the file holds; only the first is decoded.</summary>
    public int Pages { get; }

    /// <summary>Bytes of memory that decoding takes at most: the RGBA8 pixels, plus what the loader holds while it
    /// works (the whole stored image for formats that are not decoded in strips: WebP, HEIF/AVIF, GIF, interlaced
    /// PNG), plus the strips in flight.</summary>
    public long DecodeBytes { get; }

    /// <summary>Bytes <see cref="ReadPixels"/> writes: 4 x width x height.</summary>
    public long PixelBytes => 4 * Size.Pixels;

    /// <summary>What libvips complained about so far, cleaned for users, and notes of PhotoFF's own (frames left out,
    /// a lenient decode's grey rows).</summary>
    public IReadOnlyList<string> Warnings => Pages > 1
        ? [.. VipsErrors.Warnings(capture.Messages, fullPath), $"it has {Pages} frames (an animation or a multi-page file); only the first was read"]
        : VipsErrors.Warnings(capture.Messages, fullPath);

    /// <summary>
    /// Decodes the pixels as RGBA8 sRGB, straight alpha, oriented, into <paramref name="rgba"/> (exactly
    /// <see cref="PixelBytes"/> long). Once per reader.
    /// </summary>
    /// <exception cref="CodecException">The data is damaged (strict decoding), or the codec is missing.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled between strips.</exception>
    public void ReadPixels(Span<byte> rgba, CancellationToken cancellation = default)
    {
        if (rgba.Length != PixelBytes)
        {
            throw new ArgumentException($"A {Size} RGBA image has {PixelBytes} bytes, not {rgba.Length}.", nameof(rgba));
        }

        if (read)
        {
            throw new InvalidOperationException("The pixels of this image were read already; open it again to read them again.");
        }

        read = true;
        try
        {
            using var converted = ToSrgbUchar(source, capture);
            FetchPixels(converted ?? source, rgba, cancellation);
        }
        catch (VipsException e)
        {
            throw VipsErrors.ToCodecException(e, VipsErrors.PixelFailureKind(source, e, capture.Messages),
                name, fullPath, capture.Messages);
        }

        VipsErrors.DiscardStale();
    }

    public void Dispose()
    {
        source.Dispose();
        capture.Dispose();
    }

    /// <summary>Pulls the pixels through the pipeline in strips on this thread, each strip computed into a buffer kept
    /// for the whole read (<see cref="RegionStrips"/>), then copied once to its place in <paramref name="rgba"/>, expanded
    /// to RGBA on the way (<see cref="PixelBands"/>).</summary>
    private void FetchPixels(Image pipeline, Span<byte> rgba, CancellationToken cancellation)
    {
        int width = pipeline.Width;
        int height = pipeline.Height;
        int bands = pipeline.Bands;
        int stripRows = options.Lenient ? LenientStripRows : (int)Math.Clamp(StripBytes / ((long)bands * width), 16, 1024);
        stripRows = Math.Min(stripRows, height);
        using var strips = RegionStrips.IsAvailable ? new RegionStrips(pipeline, stripRows) : null;
        using var region = strips is null ? Region.New(pipeline) : null;
        for (int top = 0; top < height; top += stripRows)
        {
            cancellation.ThrowIfCancellationRequested();
            int rows = Math.Min(stripRows, height - top);
            try
            {
                unsafe
                {
                    fixed (byte* destination = rgba)
                    {
                        var target = new StripTarget((nint)destination, rgba.Length, top, rows, width, height, orientation, bands);
                        if (strips is not null)
                        {
                            target.Write(strips.Read(top, rows));
                        }
                        else
                        {
                            target.Write(region!.Fetch(0, top, width, rows));
                        }
                    }
                }
            }
            catch (VipsException e) when (options.Lenient && top > 0)
            {
                // The reason is read from libvips' one error buffer, which failures on other threads share: beside other
                // codec work it could name another file's damage, so the read runs once more alone (VipsErrorGate)
                // and the warnings kept are this file's.
                if (VipsErrorGate.WouldRunAgainAlone)
                {
                    throw;
                }

                // libvips gives up on badly damaged data even with fail_on none (a JPEG stops after 100 libjpeg
                // warnings), and a sequential read cannot resume after that. Lenient means the user prefers the
                // part that decoded to no image: keep it, fill the rest, and say so.
                foreach (var line in VipsErrors.Warnings([e.Message], fullPath))
                {
                    capture.Note(line);
                }

                capture.Note($"only rows 0-{top - 1} of {height} could be decoded; the remaining rows are grey");
                FillGrey(rgba, top, height - top, width, height);
                return;
            }
        }
    }

    /// <summary>Where one strip goes: the whole oriented destination, held as an address because the fetch callback
    /// cannot capture a span; and the bands libvips hands over (1 to 4).</summary>
    private readonly record struct StripTarget(nint Destination, int Length, int Top, int Rows, int Width, int Height, int Orientation, int Bands)
    {
        public unsafe void Write(ReadOnlySpan<byte> strip)
        {
            if (strip.Length != (long)Bands * Width * Rows)
            {
                throw new InvalidOperationException($"libvips returned {strip.Length} bytes for {Rows} rows of {Width} pixels of {Bands} bands.");
            }

            Span<byte> oriented = new((void*)Destination, Length);
            if (Orientation is < 2 or > 8)
            {
                // As stored: straight to the rows' place.
                PixelBands.ExpandToRgba(strip, Bands, oriented.Slice(4 * Top * Width, 4 * Rows * Width));
                return;
            }

            byte[] rgba = ArrayPool<byte>.Shared.Rent(4 * Rows * Width);
            try
            {
                Span<byte> rows = rgba.AsSpan(0, 4 * Rows * Width);
                PixelBands.ExpandToRgba(strip, Bands, rows);
                OrientedRows.CopyRows(rows, Top, Rows, Width, Height, Orientation, oriented);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rgba);
            }
        }
    }

    /// <summary>Grey, opaque stored rows from <paramref name="top"/> on, wherever the orientation puts them.</summary>
    private void FillGrey(Span<byte> rgba, int top, int rows, int width, int height)
    {
        byte[] grey = new byte[4 * width];
        grey.AsSpan().Fill(MissingGrey);
        for (int i = 3; i < grey.Length; i += 4)
        {
            grey[i] = 255;
        }

        for (int r = 0; r < rows; r++)
        {
            OrientedRows.CopyRows(grey, top + r, 1, width, height, orientation, rgba);
        }
    }

    private static int StoredOrientation(Image image) => ImageDecoder.Orientation(image) is >= 1 and <= 8 and int value ? value : 1;

    /// <summary>Refuses an image above the pixel limit of the options (a guard against decompression bombs), or larger
    /// than one buffer of decoded pixels can be (<see cref="MaxPixels"/>).</summary>
    internal void CheckPixelLimit()
    {
        if (Size.Pixels > options.MaxPixels || Size.Pixels > MaxPixels)
        {
            long limit = Math.Min(options.MaxPixels, MaxPixels);
            throw new CodecException(CodecErrorKind.TooLarge, name,
                $"the image is {Size.Width}x{Size.Height} ({Size.Pixels / 1e6:0.#} megapixels), above the limit of " +
                $"{limit} pixels ({limit / 1e6:0.#} megapixels)" +
                (limit == options.MaxPixels ? "; raise MaxPixels to decode it" : ", the most one buffer of decoded pixels holds"));
        }
    }

    /// <summary>
    /// What the loader holds besides the strips: JPEG, non-interlaced PNG and TIFF are decoded a strip at a time; the
    /// other loaders decode the whole stored image first (HEIF also keeps the codec's YUV planes, about 2 bytes a pixel).
    /// </summary>
    private static long WorkingSetBytes(Image image, string format)
    {
        bool interlaced = image.Contains("interlaced") && image.Get("interlaced") is int flag && flag != 0;
        bool streamed = format is "jpeg" or "tiff" || (format == "png" && !interlaced);
        if (streamed)
        {
            return 0;
        }

        long pixels = (long)image.Width * image.Height;
        long stored = pixels * Math.Max(image.Bands, 3) * SampleBytes(image.Format);
        return format == "heif" ? stored + 2 * pixels : stored;
    }

    internal static int SampleBytes(Enums.BandFormat format) => format switch
    {
        Enums.BandFormat.Uchar or Enums.BandFormat.Char => 1,
        Enums.BandFormat.Ushort or Enums.BandFormat.Short => 2,
        Enums.BandFormat.Double or Enums.BandFormat.Complex => 8,
        Enums.BandFormat.Dpcomplex => 16,
        _ => 4,
    };

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
}
