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
    private DeviceClaim? claim;

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
        return backend is not null
            ? CreateOn(backend, width, height, color)
            : DeviceSpread.Create(BackendSelector.ForChoice(null), target => CreateOn(target, width, height, color));
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

        if (backend is not null)
        {
            return Upload(rgba, width, height, backend);
        }

        // A span cannot be captured by the placement's delegate: place an empty image, then upload into it.
        CudaImage image = DeviceSpread.Create(BackendSelector.ForChoice(null), target => ImageOperations.Run(target, () => new CudaImage(target, target.Allocate(bytes), width, height)));
        try
        {
            ImageOperations.Upload(image.Backend, rgba, image.Pixels);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static CudaImage CreateOn(IImageBackend target, int width, int height, Rgba? color) => ImageOperations.Run(target, () =>
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

    private static CudaImage Upload(ReadOnlySpan<byte> rgba, int width, int height, IImageBackend target)
    {
        CudaImage image = ImageOperations.Run(target, () => new CudaImage(target, target.Allocate(PixelBytes(width, height)), width, height));
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

    /// <summary>The CUDA device the pixels live on (Get-CudaDevice's Ordinal); -1 on the CPU backend.</summary>
    public int DeviceOrdinal => Backend.DeviceOrdinal;

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

    private string DisposedMessage => Backend is CudaBackend { LostReason: not null } lost
        ? $"The image{(SourcePath is null ? string.Empty : $" from '{SourcePath}'")} is gone: {lost.LostMessage}"
        : $"The image{(SourcePath is null ? string.Empty : $" from '{SourcePath}'")} has been disposed (Remove-CudaImage, Export-CudaImage without -PassThru, or Remove-Module PhotoFF).";

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

    /// <summary>
    /// The pixels as an operation on <paramref name="consumer"/>'s backend reads them (an overlay, a key image, a
    /// reference, a grid's cell): this image's own buffer when both are on one backend, else a copy on the consumer's
    /// backend, from its pool and queued on the consumer's stream after the work queued on this image (peer to peer
    /// between CUDA devices that allow it, through pinned host memory otherwise). Dispose it once the work that reads it
    /// has been queued; this image is only read.
    /// </summary>
    internal BorrowedPixels PixelsFor(CudaImage consumer)
    {
        PixelBuffer own = Pixels;
        return ReferenceEquals(Backend, consumer.Backend)
            ? new BorrowedPixels(own, owned: false)
            : new BorrowedPixels(BufferTransfer.CopyTo(own, ByteCount, consumer.Backend, consumer.Pixels), owned: true);
    }

    /// <summary>Counts the image as work on its device until it is disposed or exported (<see cref="DeviceSpread"/>).</summary>
    internal void HoldClaim(DeviceClaim? held)
    {
        if (held is not null && Interlocked.CompareExchange(ref claim, held, null) is not null)
        {
            throw new InvalidOperationException("The image already holds a claim on its device.");
        }
    }

    /// <summary>Hands the image's claim on its device to the caller (an export that finishes the image's work later).</summary>
    internal DeviceClaim? TakeClaim() => Interlocked.Exchange(ref claim, null);

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
        TakeClaim()?.Dispose();
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
