using System.Collections.Concurrent;
using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Cuda;
using PhotoFF.Cuda.Nvjpeg;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs.Gpu;

/// <summary>
/// Decodes clean JPEG streams (see <see cref="JpegParser"/>) into images on one device. Streams the hardware decoder
/// takes (nvJPEG says so per stream) go to it in batches from one thread (<see cref="DecodeBatcher{TRequest}"/>); the
/// rest, and every stream on a GPU without JPEG engines, are decoded by nvJPEG's CUDA decoder on the caller's thread.
/// Either way nvJPEG writes interleaved RGB into a pooled scratch buffer and one kernel writes the image's RGBA buffer
/// with the EXIF orientation applied. A stream nvJPEG refuses yields null: the caller hands the file to libvips, whose
/// verdict on damaged data is the reference.
/// </summary>
internal sealed unsafe class GpuJpegDecoder : IDisposable
{
    /// <summary>The largest batch handed to the hardware decoder (the size its throughput was measured at).</summary>
    public const int MaxBatch = 32;

    private readonly CudaBackend backend;
    private readonly NvjpegHandle handle;
    private readonly ConcurrentBag<DecoderKit> idleKits = [];
    private readonly List<DecoderKit> allKits = [];
    private readonly DecodeBatcher<Request>? batcher;
    private readonly CudaStream? batchStream;
    private readonly NvjpegJpegState batchState;
    private int initializedBatchSize;
    private long hardwareDecoded;
    private long cudaDecoded;
    private long refused;
    private bool disposed;

    public GpuJpegDecoder(CudaBackend backend, NvjpegHandle handle, bool hardware)
    {
        this.backend = backend;
        this.handle = handle;
        if (hardware)
        {
            backend.Context.MakeCurrent();
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStateCreate(handle, out batchState));
            batchStream = new CudaStream(200);
            batcher = new DecodeBatcher<Request>(MaxBatch, DecodeBatch, (request, error) => request.Fail(error),
                $"PhotoFF nvJPEG batches (device {backend.DeviceOrdinal})");
        }
    }

    public bool HasHardwareDecoder => batcher is not null;

    /// <summary>Images decoded by the hardware decoder.</summary>
    public long HardwareDecoded => Interlocked.Read(ref hardwareDecoded);

    /// <summary>Images decoded by nvJPEG's CUDA decoder.</summary>
    public long CudaDecoded => Interlocked.Read(ref cudaDecoded);

    /// <summary>Streams nvJPEG refused, handed back for libvips.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Hardware batches so far, and the requests in them.</summary>
    public (long Batches, long Requests) BatchCounts => batcher is null ? (0, 0) : (batcher.Batches, batcher.Requests);

    /// <summary>
    /// Decodes <paramref name="bitstream"/> (whose <paramref name="header"/> the parser read), turned upright by
    /// <paramref name="orientation"/>. Takes ownership of the bitstream. The task ends with the image, its pixels queued
    /// on its stream, or with null when nvJPEG refuses the stream. Runs the CUDA decoder on the calling thread; a
    /// stream for the hardware decoder is queued, and the task ends when its batch has been decoded.
    /// </summary>
    public Task<CudaImage?> DecodeAsync(PinnedBitstream bitstream, JpegHeader header, int orientation)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        bool queued = false;
        backend.Context.MakeCurrent();
        DecoderKit kit = RentKit();
        try
        {
            if (!kit.Describes(handle, bitstream, header))
            {
                Interlocked.Increment(ref refused);
                return Task.FromResult<CudaImage?>(null);
            }

            if (batcher is not null && kit.HardwareTakes(handle))
            {
                Request request = new(bitstream, header, orientation);
                batcher.Submit(request);
                queued = true;
                return request.Completion.Task;
            }

            return Task.FromResult(DecodeWithCuda(kit, bitstream, header, orientation));
        }
        finally
        {
            idleKits.Add(kit);
            if (!queued)
            {
                bitstream.Dispose();
            }
        }
    }

    private CudaImage? DecodeWithCuda(DecoderKit kit, PinnedBitstream bitstream, JpegHeader header, int orientation)
    {
        long pitch = 3L * header.Width;
        using CudaPixelBuffer rgb = backend.AllocateOn(pitch * header.Height, kit.Stream);
        NvjpegImage destination = NvjpegImage.Interleaved(rgb.Pointer, pitch);
        NvjpegStatus status = NvjpegNativeMethods.nvjpegDecode(handle, kit.State, bitstream.Pointer, (nuint)bitstream.Length,
            NvjpegOutputFormat.InterleavedRgb, &destination, kit.Stream.Handle);
        bitstream.ReadBy(kit.Stream);
        if (status != NvjpegStatus.Success)
        {
            NvjpegException failure = new(status, "nvjpegDecode");
            if (failure.IsAboutTheData)
            {
                Interlocked.Increment(ref refused);
                return null;
            }

            throw failure;
        }

        CudaImage image = Expand(rgb, pitch, header, orientation, kit.Stream);
        Interlocked.Increment(ref cudaDecoded);
        return image;
    }

    /// <summary>One batch, on the batcher's thread. The hardware decoder writes its output when it is called, whatever
    /// its stream has queued before, so the scratch buffers are ones no GPU work touches any more.</summary>
    private void DecodeBatch(IReadOnlyList<Request> batch)
    {
        CudaPixelBuffer?[] rgb = new CudaPixelBuffer?[batch.Count];
        try
        {
            // Through the imaging layer's one fault report: a sticky error here drops the broken context.
            ImageOperations.Run(backend, () => RunBatch(batch, rgb));
        }
        catch (Exception error)
        {
            foreach (Request request in batch)
            {
                request.Fail(error);
            }
        }
        finally
        {
            foreach (CudaPixelBuffer? buffer in rgb)
            {
                buffer?.Dispose();
            }

            foreach (Request request in batch)
            {
                request.Bitstream.Dispose();
            }
        }
    }

    /// <summary>The decode itself: scratch rented, the batch (or each stream alone after a failure) decoded, waited for,
    /// and expanded into the images, whose requests are completed.</summary>
    private bool RunBatch(IReadOnlyList<Request> batch, CudaPixelBuffer?[] rgb)
    {
        backend.Context.MakeCurrent();
        for (int i = 0; i < batch.Count; i++)
        {
            rgb[i] = backend.AllocateIdle(batch[i].Pitch * batch[i].Header.Height, batchStream!);
        }

        bool[] decoded = new bool[batch.Count];
        if (DecodeBatched(batch, rgb, Enumerable.Range(0, batch.Count).ToArray()) == NvjpegStatus.Success)
        {
            Array.Fill(decoded, true);
        }
        else
        {
            // One bad stream fails the whole batch: decode each alone to find it.
            for (int i = 0; i < batch.Count; i++)
            {
                NvjpegStatus status = DecodeBatched(batch, rgb, [i]);
                decoded[i] = status == NvjpegStatus.Success;
                if (!decoded[i] && !IsRefusal(status))
                {
                    batch[i].Fail(new NvjpegException(status, "nvjpegDecodeBatched"));
                }
            }
        }

        batchStream!.Synchronize();
        for (int i = 0; i < batch.Count; i++)
        {
            Request request = batch[i];
            if (decoded[i])
            {
                request.Complete(Expand(rgb[i]!, request.Pitch, request.Header, request.Orientation, batchStream));
                Interlocked.Increment(ref hardwareDecoded);
            }
            else if (request.Complete(null))
            {
                Interlocked.Increment(ref refused);
            }
        }

        return true;
    }

    /// <summary>Failures of one stream in the hardware decoder that libvips may still decode (or refuse in its words).</summary>
    private static bool IsRefusal(NvjpegStatus status) => status is NvjpegStatus.BadJpeg or NvjpegStatus.JpegNotSupported
        or NvjpegStatus.IncompleteBitstream or NvjpegStatus.ExecutionFailed or NvjpegStatus.InternalError
        or NvjpegStatus.ImplementationNotSupported;

    private NvjpegStatus DecodeBatched(IReadOnlyList<Request> batch, CudaPixelBuffer?[] rgb, int[] which)
    {
        int count = which.Length;
        if (count != initializedBatchSize)
        {
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegDecodeBatchedInitialize(handle, batchState, count, 1, NvjpegOutputFormat.InterleavedRgb));
            initializedBatchSize = count;
        }

        byte** data = stackalloc byte*[count];
        nuint* lengths = stackalloc nuint[count];
        NvjpegImage* destinations = stackalloc NvjpegImage[count];
        for (int i = 0; i < count; i++)
        {
            Request request = batch[which[i]];
            data[i] = request.Bitstream.Pointer;
            lengths[i] = (nuint)request.Bitstream.Length;
            destinations[i] = NvjpegImage.Interleaved(rgb[which[i]]!.Pointer, request.Pitch);
        }

        NvjpegStatus status = NvjpegNativeMethods.nvjpegDecodeBatched(handle, batchState, data, lengths, destinations, batchStream!.Handle);
        if (status != NvjpegStatus.Success)
        {
            // nvJPEG asks for a new initialization after a failed batch.
            initializedBatchSize = 0;
        }

        return status;
    }

    /// <summary>The image's RGBA buffer, written from the scratch RGB by one kernel on <paramref name="stream"/>.</summary>
    private CudaImage Expand(CudaPixelBuffer rgb, long pitch, JpegHeader header, int orientation, CudaStream stream)
    {
        ImageSize size = orientation >= 5 ? new ImageSize(header.Height, header.Width) : new ImageSize(header.Width, header.Height);
        PixelBuffer rgba = backend.Allocate(CudaImage.PixelBytes(size.Width, size.Height));
        try
        {
            backend.ExpandRgbToRgba(rgb, pitch, rgba, size.Width, size.Height, ExifOrientation.Map(orientation, header.Width, header.Height), stream);
            return new CudaImage(backend, rgba, size.Width, size.Height);
        }
        catch
        {
            rgba.Dispose();
            throw;
        }
    }

    private DecoderKit RentKit()
    {
        if (idleKits.TryTake(out DecoderKit? kit))
        {
            return kit;
        }

        lock (allKits)
        {
            kit = new DecoderKit(handle, 201 + allKits.Count);
            allKits.Add(kit);
            return kit;
        }
    }

    /// <summary>Stops the batch thread (failing what still waits), then frees the states and streams; the first failure
    /// is reported after all were tried. The context must be current.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        List<Exception> failures = [];
        NvjpegCodec.Try(() => batcher?.Dispose(), failures);
        NvjpegCodec.Try(() => batchStream?.Synchronize(), failures);
        if (batcher is not null)
        {
            NvjpegCodec.Try(() => NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStateDestroy(batchState)), failures);
        }

        NvjpegCodec.Try(() => batchStream?.Dispose(), failures);
        lock (allKits)
        {
            foreach (DecoderKit kit in allKits)
            {
                NvjpegCodec.Try(kit.Dispose, failures);
            }

            allKits.Clear();
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Releasing the nvJPEG decoder failed.", failures);
        }
    }

    /// <summary>A stream queued for the hardware decoder, and how its caller learns the outcome.</summary>
    private sealed class Request(PinnedBitstream bitstream, JpegHeader header, int orientation)
    {
        public PinnedBitstream Bitstream { get; } = bitstream;

        public JpegHeader Header { get; } = header;

        public int Orientation { get; } = orientation;

        public long Pitch => 3L * Header.Width;

        // The caller's continuation (libvips for a refused stream, the next pipeline step) must not run on the batch thread.
        public TaskCompletionSource<CudaImage?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Complete(CudaImage? image)
        {
            if (Completion.TrySetResult(image))
            {
                return true;
            }

            image?.Dispose();
            return false;
        }

        public void Fail(Exception error) => Completion.TrySetException(error);
    }

    /// <summary>What one thread needs to parse a header and run the CUDA decoder: nvJPEG's per-thread objects and a
    /// stream of its own.</summary>
    private sealed class DecoderKit : IDisposable
    {
        private readonly NvjpegJpegStream parsed;

        public DecoderKit(NvjpegHandle handle, int streamId)
        {
            Stream = new CudaStream(streamId);
            try
            {
                NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStreamCreate(handle, out parsed));
                NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStateCreate(handle, out NvjpegJpegState state));
                State = state;
            }
            catch
            {
                // What was created is freed; the creation's failure is the one to report.
                if (parsed.Pointer != 0)
                {
                    NvjpegNativeMethods.nvjpegJpegStreamDestroy(parsed);
                }

                Stream.Dispose();
                throw;
            }
        }

        public NvjpegJpegState State { get; }

        public CudaStream Stream { get; }

        /// <summary>Whether nvJPEG reads the header as the parser did (size and component count): the scratch buffer is
        /// sized from the parser's header, so any disagreement sends the file to libvips.</summary>
        public bool Describes(NvjpegHandle handle, PinnedBitstream bitstream, JpegHeader header)
        {
            if (NvjpegNativeMethods.nvjpegJpegStreamParseHeader(handle, bitstream.Pointer, (nuint)bitstream.Length, parsed) != NvjpegStatus.Success)
            {
                return false;
            }

            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStreamGetFrameDimensions(parsed, out uint width, out uint height));
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStreamGetComponentsNum(parsed, out uint components));
            return width == header.Width && height == header.Height && components == header.Components.Count;
        }

        /// <summary>Whether the hardware decoder takes the stream last parsed (0 means yes).</summary>
        public bool HardwareTakes(NvjpegHandle handle)
        {
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegDecodeBatchedSupported(handle, parsed, out int unsupported));
            return unsupported == 0;
        }

        public void Dispose()
        {
            List<Exception> failures = [];
            NvjpegCodec.Try(Stream.Synchronize, failures);
            NvjpegCodec.Try(() => NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStateDestroy(State)), failures);
            NvjpegCodec.Try(() => NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegJpegStreamDestroy(parsed)), failures);
            NvjpegCodec.Try(Stream.Dispose, failures);
            if (failures.Count > 0)
            {
                throw new AggregateException(failures);
            }
        }
    }
}
