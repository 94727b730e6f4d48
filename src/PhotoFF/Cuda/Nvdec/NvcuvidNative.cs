using System.Runtime.InteropServices;

namespace PhotoFF.Cuda.Nvdec;

/// <summary>
/// The NVIDIA video decoder library (libnvcuvid.so.1, nvcuvid.dll), which every NVIDIA driver installs: loaded at run
/// time and never required. Signatures as in cuviddec.h and nvcuvid.h; the 64-bit map and unmap entry points are the
/// ones the headers alias cuvidMapVideoFrame to on 64-bit builds.
/// </summary>
internal static unsafe partial class NvcuvidNative
{
    internal const string Library = "nvcuvid";

    internal static readonly string[] FileNames = OperatingSystem.IsWindows() ? ["nvcuvid.dll"] : ["libnvcuvid.so.1", "libnvcuvid.so"];

    static NvcuvidNative()
    {
        NativeLibraries.Register(Library, FileNames);
    }

    /// <summary>Forces the static constructor (and so the resolver) before the first call.</summary>
    internal static void EnsureResolver() { }

    // Decoder
    [LibraryImport(Library)] internal static partial CudaResult cuvidGetDecoderCaps(CuvidDecodeCaps* caps);
    [LibraryImport(Library)] internal static partial CudaResult cuvidCreateDecoder(out nint decoder, CuvidDecodeCreateInfo* info);
    [LibraryImport(Library)] internal static partial CudaResult cuvidDestroyDecoder(nint decoder);
    [LibraryImport(Library)] internal static partial CudaResult cuvidDecodePicture(nint decoder, nint pictureParameters);
    [LibraryImport(Library)] internal static partial CudaResult cuvidGetDecodeStatus(nint decoder, int pictureIndex, CuvidGetDecodeStatus* status);
    [LibraryImport(Library)] internal static partial CudaResult cuvidMapVideoFrame64(nint decoder, int pictureIndex, out ulong devicePointer, out uint pitch, CuvidProcParams* parameters);
    [LibraryImport(Library)] internal static partial CudaResult cuvidUnmapVideoFrame64(nint decoder, ulong devicePointer);

    // Parser
    [LibraryImport(Library)] internal static partial CudaResult cuvidCreateVideoParser(out nint parser, CuvidParserParams* parameters);
    [LibraryImport(Library)] internal static partial CudaResult cuvidParseVideoData(nint parser, CuvidSourceDataPacket* packet);
    [LibraryImport(Library)] internal static partial CudaResult cuvidDestroyVideoParser(nint parser);
}
