using System.Runtime.InteropServices;

namespace PhotoFF.Cuda.Nvjpeg;

// nvJPEG's opaque handles as blittable structs, so that one kind can never be passed where another is expected.

/// <summary><c>nvjpegHandle_t</c>: the library instance of one device; thread safe.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct NvjpegHandle(nint Pointer);

/// <summary><c>nvjpegJpegState_t</c>: a decoder's working state; one thread at a time.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct NvjpegJpegState(nint Pointer);

/// <summary><c>nvjpegJpegStream_t</c>: a parsed bitstream header; one thread at a time.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct NvjpegJpegStream(nint Pointer);

/// <summary><c>nvjpegEncoderState_t</c>: an encoder's buffers and its last bitstream; one encode at a time.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct NvjpegEncoderState(nint Pointer);

/// <summary><c>nvjpegEncoderParams_t</c>: quality, subsampling and Huffman choice of an encode.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct NvjpegEncoderParams(nint Pointer);
