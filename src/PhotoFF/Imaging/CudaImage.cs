using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;

namespace PhotoFF.Imaging;

/// <summary>
/// An RGBA8 image (straight alpha, rows packed) whose pixels live on a backend: device memory for CUDA, host memory
/// for the CPU. It holds a lease on a pooled buffer of some capacity; <see cref="Width"/> and <see cref="Height"/>
/// may change within that capacity without any allocation. Operations replace its pixels in place, so a pipeline
/// passes one object along. <see cref="Dispose"/> returns the buffer to the pool; an image collected undisposed
/// returns it too, through the pool's queue.
/// </summary>
/// <remarks>
/// What a PowerShell user sees (Get-Member, Format-List *) is what they can use: size, backend kind, device, source,
/// metadata, whether it is disposed. The buffer, the backend object, the stream and the methods that change the pixels
/// under an operation's feet are internal: operations and cmdlets use them.
/// </remarks>
public sealed class CudaImage : IDisposable
{
    /// <summary>The most pixels an image holds: 512 Mi (16384 x 32768), whose 2 GiB of RGBA the pools and kernels address.</summary>
    public const long MaxPixels = 1L << 29;

    private PixelBuffer? pixels;
    private string? sourcePath;

    internal CudaImage(IImageBackend backend, PixelBuffer pixels, int width, int height)
    {
        Backend = backend;
        this.pixels = pixels;
        SetSize(width, height);
    }

    /// <summary>A new image of <paramref name="width"/> x <paramref name="height"/>, filled with <paramref name="color"/>
    /// (transparent by default), on the current backend.</summary>
    public static CudaImage Create(int width, int height, Rgba? color = null) => Create(width, height, color, null);

    /// <summary>A new image of <paramref name="width"/> x <paramref name="height"/>, filled with <paramref name="color"/>
    /// (transparent when null), on <paramref name="backend"/> or the current one.</summary>
    internal static CudaImage Create(int width, int height, Rgba? color, IImageBackend? backend)
    {
        ValidateSize(width, height);
        IImageBackend target = backend ?? BackendSelector.Current;
        return ImageOperations.Run(target, () =>
        {
            CudaImage image = new(target, target.Allocate(PixelBytes(width, height)), width, height);
            try
            {
                target.Fill(image.Pixels, image.PixelCount, (color ?? Rgba.Transparent).Packed);
                return image;
            }
            catch
            {
                image.Dispose();
                throw;
            }
        });
    }

    /// <summary>An image from packed RGBA8 host pixels (stride 4 x width), on the current backend.</summary>
    public static CudaImage FromPixels(ReadOnlySpan<byte> rgba, int width, int height) => FromPixels(rgba, width, height, null);

    /// <summary>An image from packed RGBA8 host pixels (stride 4 x width), on <paramref name="backend"/> or the current one.</summary>
    internal static CudaImage FromPixels(ReadOnlySpan<byte> rgba, int width, int height, IImageBackend? backend)
    {
        ValidateSize(width, height);
        long bytes = PixelBytes(width, height);
        if (rgba.Length != bytes)
        {
            throw new ArgumentException($"A {width}x{height} RGBA image has {bytes} bytes, not {rgba.Length}.", nameof(rgba));
        }

        IImageBackend target = backend ?? BackendSelector.Current;
        CudaImage image = ImageOperations.Run(target, () => new CudaImage(target, target.Allocate(bytes), width, height));
        try
        {
            ImageOperations.Upload(target, rgba, image.Pixels);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Bytes of the pooled buffer behind the image: the largest size it can take without reallocating.</summary>
    internal long CapacityBytes => Pixels.CapacityBytes;

    /// <summary>The backend that holds the pixels and runs the operations; <see cref="BackendKind"/> is what users see.</summary>
    internal IImageBackend Backend { get; }

    public BackendKind BackendKind => Backend.Kind;

    public string Device => Backend.DeviceName;

    /// <summary>The CUDA stream that orders the image's work; null on the CPU backend.</summary>
    internal int? Stream => pixels is CudaPixelBuffer cuda ? cuda.Stream.Id : null;

    /// <summary>The file the image was read from, if any. An empty path is no path: PowerShell stores $null given to a
    /// string property as "".</summary>
    public string? SourcePath
    {
        get => sourcePath;
        set => sourcePath = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The source's EXIF, XMP and ICC blocks; written out only when asked (Export-CudaImage -KeepMetadata).</summary>
    public ImageMetadata Metadata { get; set; } = ImageMetadata.None;

    public bool IsDisposed => pixels is null || pixels.IsDisposed;

    public long PixelCount => (long)Width * Height;

    public long ByteCount => PixelBytes(Width, Height);

    /// <summary>The buffer holding the pixels; for the imaging layer and backends.</summary>
    internal PixelBuffer Pixels => pixels is { IsDisposed: false } live ? live : throw new ObjectDisposedException(nameof(CudaImage), DisposedMessage);

    private string DisposedMessage => $"The image{(SourcePath is null ? string.Empty : $" from '{SourcePath}'")} has been disposed (Remove-CudaImage, Export-CudaImage without -PassThru, or Remove-Module PhotoFF).";

    /// <summary>Changes the logical size within the capacity; the pixel contents are then undefined.</summary>
    internal void SetSize(int width, int height)
    {
        ValidateSize(width, height);
        long bytes = PixelBytes(width, height);
        if (bytes > Pixels.CapacityBytes)
        {
            throw new InvalidOperationException(
                $"A {width}x{height} image needs {bytes} bytes but this image's buffer holds {Pixels.CapacityBytes}; " +
                "use a new image or an operation that allocates.");
        }

        Width = width;
        Height = height;
    }

    /// <summary>Takes <paramref name="replacement"/> as the image's pixels and returns the old buffer to its pool.</summary>
    internal void ReplacePixels(PixelBuffer replacement, int width, int height)
    {
        PixelBuffer old = Pixels;
        if (!ReferenceEquals(replacement.Backend, Backend))
        {
            throw new ArgumentException("The replacement pixels belong to another backend.", nameof(replacement));
        }

        pixels = replacement;
        SetSize(width, height);
        if (!ReferenceEquals(old, replacement))
        {
            old.Dispose();
        }
    }

    /// <summary>Rents a buffer for a new version of the pixels, ordered after the work on this image.</summary>
    internal PixelBuffer AllocateLike(int width, int height) => Backend.Allocate(PixelBytes(width, height), Pixels);

    /// <summary>Copies the pixels to the host, after the queued work has finished.</summary>
    internal void CopyPixelsTo(Span<byte> destination)
    {
        if (destination.Length != ByteCount)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; the image has {ByteCount}.", nameof(destination));
        }

        ImageOperations.Download(Backend, Pixels, destination);
    }

    public byte[] ToArray()
    {
        if (ByteCount > Array.MaxLength)
        {
            throw new InvalidOperationException($"A {Width}x{Height} image has {ByteCount} bytes of pixels, more than one .NET array holds ({Array.MaxLength}).");
        }

        byte[] bytes = GC.AllocateUninitializedArray<byte>((int)ByteCount);
        CopyPixelsTo(bytes);
        return bytes;
    }

    /// <summary>Replaces the contents with host pixels of any size that fits the capacity (Import-CudaImage -Into).</summary>
    internal void Load(ReadOnlySpan<byte> rgba, int width, int height)
    {
        long bytes = PixelBytes(width, height);
        if (rgba.Length != bytes)
        {
            throw new ArgumentException($"A {width}x{height} RGBA image has {bytes} bytes, not {rgba.Length}.", nameof(rgba));
        }

        SetSize(width, height);
        ImageOperations.Upload(Backend, rgba, Pixels);
    }

    /// <summary>Hands the pixel buffer to the caller, who must dispose it; the image is disposed by this.</summary>
    internal PixelBuffer DetachPixels() =>
        Interlocked.Exchange(ref pixels, null) is { IsDisposed: false } live
            ? live
            : throw new ObjectDisposedException(nameof(CudaImage), DisposedMessage);

    /// <summary>A copy with its own buffer, on the same backend.</summary>
    public CudaImage Clone() => ImageOperations.Run(Backend, () =>
    {
        CudaImage copy = new(Backend, AllocateLike(Width, Height), Width, Height)
        {
            SourcePath = SourcePath,
            Metadata = Metadata,
        };
        try
        {
            Backend.Copy(Pixels, copy.Pixels, ByteCount);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    });

    /// <summary>Waits for the work queued on the image.</summary>
    public void Synchronize() => ImageOperations.Run(Backend, () =>
    {
        Backend.Synchronize(Pixels);
        return true;
    });

    public void Dispose()
    {
        PixelBuffer? old = Interlocked.Exchange(ref pixels, null);
        old?.Dispose();
    }

    public override string ToString() =>
        $"{Width}x{Height} {Backend.Kind}{(SourcePath is null ? string.Empty : $" {Path.GetFileName(SourcePath)}")}";

    public static long PixelBytes(int width, int height) => (long)width * height * 4;

    internal static void ValidateSize(int width, int height)
    {
        if (width < 1 || height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"An image is at least 1x1; {width}x{height} was asked for.");
        }

        if ((long)width * height > MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} is larger than an image can be ({MaxPixels} pixels, 512 Mi).");
        }
    }
}
