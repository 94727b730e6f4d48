using System.Collections.Concurrent;
using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;
using PhotoFF.Cuda.Nvjpeg;

namespace PhotoFF.Codecs.Gpu;

/// <summary>
/// Encodes RGBA images in device memory to JPEG with nvJPEG; only the compressed bytes cross the bus. The rules are
/// libvips' (<see cref="ImageEncoder"/>), so that both paths make similar files: transparency flattened onto white,
/// optimized Huffman tables, chroma at full resolution (4:4:4) at quality 90 and above, 4:2:0 below. Thread safe:
/// each encode takes an encoder state and stream of its own.
/// </summary>
internal sealed unsafe class GpuJpegEncoder : IDisposable
{
    /// <summary>The quality from which libvips keeps chroma at full resolution.</summary>
    public const int FullChromaQuality = 90;

    private readonly CudaBackend backend;
    private readonly NvjpegHandle handle;
    private readonly ConcurrentBag<EncoderKit> idleKits = [];
    private readonly List<EncoderKit> allKits = [];
    private long encoded;
    private bool disposed;

    public GpuJpegEncoder(CudaBackend backend, NvjpegHandle handle)
    {
        this.backend = backend;
        this.handle = handle;
    }

    /// <summary>Images encoded so far.</summary>
    public long Encoded => Interlocked.Read(ref encoded);

    /// <summary>
    /// The JPEG stream of the <paramref name="width"/> x <paramref name="height"/> RGBA image in
    /// <paramref name="pixels"/> at <paramref name="quality"/> (1 to 100), after the work queued on it; null when nvJPEG
    /// refuses the image (the caller then encodes with libvips). Blocks until the bytes are on the host.
    /// </summary>
    public byte[]? Encode(PixelBuffer pixels, int width, int height, int quality)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        backend.Context.MakeCurrent();
        EncoderKit kit = RentKit();
        try
        {
            long pitch = 3L * width;
            using CudaPixelBuffer rgb = backend.AllocateOn(pitch * height, kit.Stream);
            backend.FlattenToRgb(pixels, width, height, rgb, pitch, kit.Stream);
            kit.Configure(quality);
            NvjpegImage source = NvjpegImage.Interleaved(rgb.Pointer, pitch);
            NvjpegStatus status = NvjpegNativeMethods.nvjpegEncodeImage(handle, kit.State, kit.Parameters, &source,
                NvjpegInputFormat.InterleavedRgb, width, height, kit.Stream.Handle);
            if (status is NvjpegStatus.InvalidParameter or NvjpegStatus.JpegNotSupported or NvjpegStatus.ImplementationNotSupported)
            {
                kit.Stream.Synchronize();
                return null;
            }

            NvjpegException.ThrowIfFailed(status, "nvjpegEncodeImage");

            // As nvJPEG's own example: the length first, then the bytes once the stream has finished.
            nuint length = 0;
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncodeRetrieveBitstream(handle, kit.State, null, ref length, kit.Stream.Handle));
            kit.Stream.Synchronize();
            byte[] bytes = GC.AllocateUninitializedArray<byte>(checked((int)length));
            fixed (byte* destination = bytes)
            {
                NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncodeRetrieveBitstream(handle, kit.State, destination, ref length, kit.Stream.Handle));
            }

            kit.Stream.Synchronize();
            Interlocked.Increment(ref encoded);
            return (int)length == bytes.Length ? bytes : bytes[..(int)length];
        }
        finally
        {
            idleKits.Add(kit);
        }
    }

    private EncoderKit RentKit()
    {
        if (idleKits.TryTake(out EncoderKit? kit))
        {
            return kit;
        }

        lock (allKits)
        {
            kit = new EncoderKit(handle, 301 + allKits.Count);
            allKits.Add(kit);
            return kit;
        }
    }

    /// <summary>Frees every encoder state, its parameters and stream; the first failure is reported after all were
    /// tried. The context must be current.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        List<Exception> failures = [];
        lock (allKits)
        {
            foreach (EncoderKit kit in allKits)
            {
                NvjpegCodec.Try(kit.Dispose, failures);
            }

            allKits.Clear();
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Releasing the nvJPEG encoder failed.", failures);
        }
    }

    /// <summary>An encoder state (its buffers and last bitstream), its parameters, and a stream: one encode at a time.</summary>
    private sealed class EncoderKit : IDisposable
    {
        private int configuredQuality;

        public EncoderKit(NvjpegHandle handle, int streamId)
        {
            Stream = new CudaStream(streamId);
            try
            {
                NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncoderStateCreate(handle, out NvjpegEncoderState state, Stream.Handle));
                State = state;
                NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncoderParamsCreate(handle, out NvjpegEncoderParams parameters, Stream.Handle));
                Parameters = parameters;
                NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncoderParamsSetOptimizedHuffman(Parameters, 1, Stream.Handle));
            }
            catch
            {
                // What was created is freed; the creation's failure is the one to report.
                if (Parameters.Pointer != 0)
                {
                    NvjpegNativeMethods.nvjpegEncoderParamsDestroy(Parameters);
                }

                if (State.Pointer != 0)
                {
                    NvjpegNativeMethods.nvjpegEncoderStateDestroy(State);
                }

                Stream.Dispose();
                throw;
            }
        }

        public CudaStream Stream { get; }

        public NvjpegEncoderState State { get; }

        public NvjpegEncoderParams Parameters { get; }

        /// <summary>Quality, and the chroma subsampling that goes with it in libvips.</summary>
        public void Configure(int quality)
        {
            if (quality == configuredQuality)
            {
                return;
            }

            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncoderParamsSetQuality(Parameters, quality, Stream.Handle));
            NvjpegChromaSubsampling subsampling = quality >= FullChromaQuality ? NvjpegChromaSubsampling.Css444 : NvjpegChromaSubsampling.Css420;
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncoderParamsSetSamplingFactors(Parameters, subsampling, Stream.Handle));
            configuredQuality = quality;
        }

        public void Dispose()
        {
            List<Exception> failures = [];
            NvjpegCodec.Try(Stream.Synchronize, failures);
            NvjpegCodec.Try(() => NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncoderParamsDestroy(Parameters)), failures);
            NvjpegCodec.Try(() => NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegEncoderStateDestroy(State)), failures);
            NvjpegCodec.Try(Stream.Dispose, failures);
            if (failures.Count > 0)
            {
                throw new AggregateException(failures);
            }
        }
    }
}
