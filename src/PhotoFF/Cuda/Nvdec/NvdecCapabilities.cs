using System.Collections.Concurrent;

namespace PhotoFF.Cuda.Nvdec;

/// <summary>
/// Whether the GPU's video decoder takes an HEVC stream of a chroma format, bit depth and size
/// (cuvidGetDecoderCaps), and whether the decoder library is installed at all. Answers are kept per device.
/// </summary>
internal static class NvdecCapabilities
{
    private static readonly Lazy<string?> Missing = new(Probe);
    private static readonly ConcurrentDictionary<(int Device, VideoChromaFormat Chroma, int BitDepth), CuvidDecodeCaps> Known = new();

    /// <summary>Null when libnvcuvid loads; otherwise why not.</summary>
    public static string? UnavailableReason => Missing.Value;

    /// <summary>Whether NVDEC decodes HEVC of this kind into a surface format the kernels read (NV12 or P016).</summary>
    public static unsafe bool Supports(CudaContext context, VideoChromaFormat chroma, int bitDepth, int width, int height)
    {
        if (UnavailableReason is not null || chroma is not (VideoChromaFormat.Yuv420 or VideoChromaFormat.Monochrome) || bitDepth is < 8 or > 12)
        {
            return false;
        }

        var caps = Known.GetOrAdd((context.Device.Ordinal, chroma, bitDepth), key =>
        {
            context.MakeCurrent();
            CuvidDecodeCaps query = default;
            query.CodecType = VideoCodec.Hevc;
            query.ChromaFormat = key.Chroma;
            query.BitDepthMinus8 = (uint)(key.BitDepth - 8);
            // A device without video engines answers with an error (CUDA_ERROR_NOT_SUPPORTED): nothing is supported.
            return NvcuvidNative.cuvidGetDecoderCaps(&query) == CudaResult.Success ? query : default;
        });
        var surface = OutputFormat(bitDepth);
        return caps.IsSupported != 0 && (caps.OutputFormatMask & (1 << (int)surface)) != 0 &&
               width <= caps.MaxWidth && height <= caps.MaxHeight && width >= caps.MinWidth && height >= caps.MinHeight &&
               ((long)width >> 4) * (height >> 4) <= caps.MaxMacroblockCount;
    }

    /// <summary>NV12 for 8-bit streams; P016 (samples in the high bits of 16) for deeper ones.</summary>
    public static VideoSurfaceFormat OutputFormat(int bitDepth) => bitDepth > 8 ? VideoSurfaceFormat.P016 : VideoSurfaceFormat.Nv12;

    private static string? Probe()
    {
        NvcuvidNative.EnsureResolver();
        foreach (var name in NvcuvidNative.FileNames)
        {
            if (System.Runtime.InteropServices.NativeLibrary.TryLoad(name, typeof(NvcuvidNative).Assembly, null, out var handle))
            {
                return System.Runtime.InteropServices.NativeLibrary.TryGetExport(handle, "cuvidMapVideoFrame64", out _)
                    ? null
                    : "the NVIDIA video decoder library is too old (no cuvidMapVideoFrame64)";
            }
        }

        return $"the NVIDIA video decoder ({string.Join(" or ", NvcuvidNative.FileNames)}) was not found";
    }
}
