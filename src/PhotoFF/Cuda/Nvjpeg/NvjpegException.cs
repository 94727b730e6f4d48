using System.Runtime.CompilerServices;

namespace PhotoFF.Cuda.Nvjpeg;

/// <summary>A failed nvJPEG call, carrying nvJPEG's status name (<c>NVJPEG_STATUS_BAD_JPEG</c>) and what it means.</summary>
internal sealed class NvjpegException : Exception
{
    public NvjpegException(NvjpegStatus status, string call)
        : base($"{call.Split('(')[0].Trim()} failed: {NameOf(status)} ({(int)status}): {Describe(status)}")
    {
        Status = status;
        Call = call;
    }

    public NvjpegStatus Status { get; }

    /// <summary>The call that failed, as written in the source.</summary>
    public string Call { get; }

    /// <summary>True for the statuses that describe the JPEG data rather than the library or the device: the file is
    /// then handed to libvips, whose strict decoder gives the reference verdict.</summary>
    public bool IsAboutTheData => Status is NvjpegStatus.BadJpeg or NvjpegStatus.JpegNotSupported or NvjpegStatus.IncompleteBitstream;

    public static void ThrowIfFailed(NvjpegStatus status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status != NvjpegStatus.Success)
        {
            throw new NvjpegException(status, call);
        }
    }

    public static string NameOf(NvjpegStatus status) => status switch
    {
        NvjpegStatus.Success => "NVJPEG_STATUS_SUCCESS",
        NvjpegStatus.NotInitialized => "NVJPEG_STATUS_NOT_INITIALIZED",
        NvjpegStatus.InvalidParameter => "NVJPEG_STATUS_INVALID_PARAMETER",
        NvjpegStatus.BadJpeg => "NVJPEG_STATUS_BAD_JPEG",
        NvjpegStatus.JpegNotSupported => "NVJPEG_STATUS_JPEG_NOT_SUPPORTED",
        NvjpegStatus.AllocatorFailure => "NVJPEG_STATUS_ALLOCATOR_FAILURE",
        NvjpegStatus.ExecutionFailed => "NVJPEG_STATUS_EXECUTION_FAILED",
        NvjpegStatus.ArchMismatch => "NVJPEG_STATUS_ARCH_MISMATCH",
        NvjpegStatus.InternalError => "NVJPEG_STATUS_INTERNAL_ERROR",
        NvjpegStatus.ImplementationNotSupported => "NVJPEG_STATUS_IMPLEMENTATION_NOT_SUPPORTED",
        NvjpegStatus.IncompleteBitstream => "NVJPEG_STATUS_INCOMPLETE_BITSTREAM",
        _ => $"NVJPEG_STATUS_{(int)status}",
    };

    // The meanings nvJPEG's documentation gives each status.
    private static string Describe(NvjpegStatus status) => status switch
    {
        NvjpegStatus.NotInitialized => "the library handle was not initialized",
        NvjpegStatus.InvalidParameter => "a wrong parameter was passed",
        NvjpegStatus.BadJpeg => "the JPEG stream could not be parsed",
        NvjpegStatus.JpegNotSupported => "the JPEG stream is of a kind nvJPEG does not support",
        NvjpegStatus.AllocatorFailure => "a memory allocation failed",
        NvjpegStatus.ExecutionFailed => "the device tasks failed",
        NvjpegStatus.ArchMismatch => "the device cannot do what was asked (no hardware JPEG engine, or too old)",
        NvjpegStatus.InternalError => "nvJPEG failed internally",
        NvjpegStatus.ImplementationNotSupported => "not supported by this implementation",
        NvjpegStatus.IncompleteBitstream => "the bitstream is incomplete",
        _ => "unknown status",
    };
}
