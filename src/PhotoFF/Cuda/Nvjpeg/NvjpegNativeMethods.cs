using System.Runtime.InteropServices;

namespace PhotoFF.Cuda.Nvjpeg;

/// <summary>
/// The nvJPEG entry points the module uses, grouped as in nvJPEG's documentation, with nvjpeg.h's signatures (CUDA 12
/// and 13). <c>cudaStream_t</c> is the driver's <c>CUstream</c>. The library is found at run time by
/// <see cref="NvjpegLibrary"/>, which registers the file it loaded with the assembly's resolver
/// (<see cref="NativeLibraries"/>), and never required: nothing here is called unless
/// <see cref="NvjpegLibrary.TryLoad"/> succeeded.
/// </summary>
internal static unsafe partial class NvjpegNativeMethods
{
    internal const string Library = "nvjpeg";

    // Helper API
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegGetProperty(LibraryProperty type, out int value);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegCreateEx(NvjpegBackend backend, nint deviceAllocator, nint pinnedAllocator, NvjpegFlags flags, out NvjpegHandle handle);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegDestroy(NvjpegHandle handle);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegSetDeviceMemoryPadding(nuint padding, NvjpegHandle handle);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegSetPinnedMemoryPadding(nuint padding, NvjpegHandle handle);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegGetHardwareDecoderInfo(NvjpegHandle handle, out uint engines, out uint coresPerEngine);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegJpegStateCreate(NvjpegHandle handle, out NvjpegJpegState state);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegJpegStateDestroy(NvjpegJpegState state);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegJpegStreamCreate(NvjpegHandle handle, out NvjpegJpegStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegJpegStreamDestroy(NvjpegJpegStream stream);

    // Stream API: the bitstream header, parsed on the host
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegJpegStreamParseHeader(NvjpegHandle handle, byte* data, nuint length, NvjpegJpegStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegJpegStreamGetFrameDimensions(NvjpegJpegStream stream, out uint width, out uint height);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegJpegStreamGetComponentsNum(NvjpegJpegStream stream, out uint components);

    // Decode API, single phase
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegDecode(NvjpegHandle handle, NvjpegJpegState state, byte* data, nuint length, NvjpegOutputFormat format, NvjpegImage* destination, CuStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegDecodeBatchedSupported(NvjpegHandle handle, NvjpegJpegStream stream, out int isSupported);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegDecodeBatchedInitialize(NvjpegHandle handle, NvjpegJpegState state, int batchSize, int maxCpuThreads, NvjpegOutputFormat format);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegDecodeBatched(NvjpegHandle handle, NvjpegJpegState state, byte** data, nuint* lengths, NvjpegImage* destinations, CuStream stream);

    // Encoder helper and encoder API
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncoderStateCreate(NvjpegHandle handle, out NvjpegEncoderState state, CuStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncoderStateDestroy(NvjpegEncoderState state);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncoderParamsCreate(NvjpegHandle handle, out NvjpegEncoderParams parameters, CuStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncoderParamsDestroy(NvjpegEncoderParams parameters);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncoderParamsSetQuality(NvjpegEncoderParams parameters, int quality, CuStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncoderParamsSetOptimizedHuffman(NvjpegEncoderParams parameters, int optimized, CuStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncoderParamsSetSamplingFactors(NvjpegEncoderParams parameters, NvjpegChromaSubsampling subsampling, CuStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncodeImage(NvjpegHandle handle, NvjpegEncoderState state, NvjpegEncoderParams parameters, NvjpegImage* source, NvjpegInputFormat format, int width, int height, CuStream stream);
    [LibraryImport(Library)] internal static partial NvjpegStatus nvjpegEncodeRetrieveBitstream(NvjpegHandle handle, NvjpegEncoderState state, byte* data, ref nuint length, CuStream stream);
}
