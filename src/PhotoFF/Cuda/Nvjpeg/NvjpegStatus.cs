namespace PhotoFF.Cuda.Nvjpeg;

/// <summary>nvJPEG's <c>nvjpegStatus_t</c>, as nvjpeg.h of CUDA 12 and 13 numbers it.</summary>
internal enum NvjpegStatus
{
    Success = 0,
    NotInitialized = 1,
    InvalidParameter = 2,
    BadJpeg = 3,
    JpegNotSupported = 4,
    AllocatorFailure = 5,
    ExecutionFailed = 6,
    ArchMismatch = 7,
    InternalError = 8,
    ImplementationNotSupported = 9,
    IncompleteBitstream = 10,
}
