using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda.Nvjpeg;

namespace PhotoFF.Codecs.Gpu;

/// <summary>
/// nvJPEG on one device: a library handle (the hardware backend where the GPU has JPEG engines, else the CUDA one), the
/// decoder and the encoder that share it. Created on first use as a service of the device's backend and freed with it.
/// </summary>
internal sealed class NvjpegCodec : IDisposable
{
    // nvJPEG grows its buffers by at least this much, so that images of varying sizes stop reallocating early
    // (an allocation in nvJPEG is a cudaMalloc, which waits for the whole device).
    private const ulong DevicePadding = 16 << 20;
    private const ulong PinnedPadding = 8 << 20;

    private readonly CudaBackend backend;
    private bool disposed;

    private NvjpegCodec(CudaBackend backend, Version version)
    {
        this.backend = backend;
        backend.Context.MakeCurrent();
        NvjpegFlags flags = NvjpegFlags.BitstreamStrict;
        if (version >= new Version(12, 1))
        {
            flags |= NvjpegFlags.UpsamplingWithInterpolation;
        }

        (NvjpegHandle handle, bool hardware) = CreateHandle(flags);
        Handle = handle;
        try
        {
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegSetDeviceMemoryPadding((nuint)DevicePadding, handle));
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegSetPinnedMemoryPadding((nuint)PinnedPadding, handle));
            uint engines = hardware ? HardwareEngines(handle) : 0;
            Decoder = new GpuJpegDecoder(backend, handle, hardware);

            // The encoder has a handle of its own, on the default backend: the hardware backend is a decoder's choice.
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegCreateEx(NvjpegBackend.Default, 0, 0, NvjpegFlags.Default, out NvjpegHandle encoderHandle));
            EncoderHandle = encoderHandle;
            Encoder = new GpuJpegEncoder(backend, encoderHandle);
            Description = hardware
                ? $"nvJPEG {version}, hardware decoder{(engines > 0 ? $" ({engines} engines)" : string.Empty)}"
                : $"nvJPEG {version}, CUDA decoder (no hardware JPEG decoder on this GPU)";
        }
        catch
        {
            // What was created is freed; the creation's failure is the one to report.
            Decoder?.Dispose();
            Encoder?.Dispose();
            if (EncoderHandle.Pointer != 0)
            {
                NvjpegNativeMethods.nvjpegDestroy(EncoderHandle);
            }

            NvjpegNativeMethods.nvjpegDestroy(handle);
            throw;
        }
    }

    public NvjpegHandle Handle { get; }

    public NvjpegHandle EncoderHandle { get; }

    public GpuJpegDecoder Decoder { get; }

    public GpuJpegEncoder Encoder { get; }

    /// <summary>Which JPEG path the device uses, for Get-CudaDevice: "nvJPEG 13.0, hardware decoder (7 engines)".</summary>
    public string Description { get; }

    /// <summary>The device's codec; null on the CPU backend, without libnvjpeg, or when it would not start there.</summary>
    public static NvjpegCodec? For(IImageBackend backend) =>
        backend is CudaBackend cuda ? cuda.Service(Start).Codec : null;

    /// <summary>What Get-CudaDevice says about a device's JPEG path: nvJPEG and how, or libvips and why.</summary>
    public static string Describe(IImageBackend? backend)
    {
        if (backend is CudaBackend cuda)
        {
            return cuda.Service(Start).Status;
        }

        if (backend is not null)
        {
            return "libvips (CPU backend)";
        }

        return NvjpegLibrary.TryLoad(out string why) ? $"nvJPEG {NvjpegLibrary.Version} (starts when the device is first used)" : $"libvips: {why}";
    }

    private static NvjpegService Start(CudaBackend backend)
    {
        if (!NvjpegLibrary.TryLoad(out string why))
        {
            return new NvjpegService(null, $"libvips: {why}");
        }

        try
        {
            NvjpegCodec codec = new(backend, NvjpegLibrary.Version!);
            return new NvjpegService(codec, codec.Description);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // nvJPEG is never required: whatever stops it (a status, a missing entry point or dependency), JPEG stays
            // on libvips and Get-CudaDevice says why.
            return new NvjpegService(null, $"libvips: nvJPEG did not start on this device ({error.Message})");
        }
    }

    /// <summary>
    /// The hardware backend where the GPU has JPEG engines (nvJPEG answers ARCH_MISMATCH where it has none), else the
    /// CUDA one; without the optional flags if this nvJPEG refuses them.
    /// </summary>
    private static (NvjpegHandle Handle, bool Hardware) CreateHandle(NvjpegFlags flags)
    {
        NvjpegException? first = null;
        foreach (NvjpegBackend kind in (NvjpegBackend[])[NvjpegBackend.Hardware, NvjpegBackend.Default])
        {
            foreach (NvjpegFlags attempt in (NvjpegFlags[])[flags, NvjpegFlags.Default])
            {
                NvjpegStatus status = NvjpegNativeMethods.nvjpegCreateEx(kind, 0, 0, attempt, out NvjpegHandle handle);
                if (status == NvjpegStatus.Success)
                {
                    return (handle, kind == NvjpegBackend.Hardware);
                }

                first ??= new NvjpegException(status, $"nvjpegCreateEx({kind} backend, flags {(uint)attempt})");
                if (status != NvjpegStatus.InvalidParameter)
                {
                    break; // The flags are not the problem: try the next backend.
                }
            }
        }

        throw first!;
    }

    private static uint HardwareEngines(NvjpegHandle handle)
    {
        try
        {
            return NvjpegNativeMethods.nvjpegGetHardwareDecoderInfo(handle, out uint engines, out _) == NvjpegStatus.Success ? engines : 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0; // nvJPEG 12.0 has no nvjpegGetHardwareDecoderInfo.
        }
    }

    /// <summary>Stops the decoder's thread, then frees every state, stream and the handle; the first failure is
    /// reported after all of them were tried.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        backend.Context.MakeCurrent();
        List<Exception> failures = [];
        Try(Decoder.Dispose, failures);
        Try(Encoder.Dispose, failures);
        Try(() => NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegDestroy(EncoderHandle)), failures);
        Try(() => NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegDestroy(Handle)), failures);
        if (failures.Count > 0)
        {
            throw new AggregateException("Releasing nvJPEG failed.", failures);
        }
    }

    internal static void Try(Action release, List<Exception> failures)
    {
        try
        {
            release();
        }
        catch (Exception error)
        {
            failures.Add(error);
        }
    }

    /// <summary>The backend's service: the codec, or why there is none, decided once per device.</summary>
    private sealed class NvjpegService(NvjpegCodec? codec, string status) : IDisposable
    {
        public NvjpegCodec? Codec { get; } = codec;

        public string Status { get; } = status;

        public void Dispose() => Codec?.Dispose();
    }
}
