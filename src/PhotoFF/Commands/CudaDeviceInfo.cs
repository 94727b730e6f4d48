namespace PhotoFF.Commands;

/// <summary>A row of Get-CudaDevice: one CUDA device, or the CPU backend when there is none. JpegCodec says which
/// path JPEG files take there and why ("nvJPEG 13.0, hardware decoder", "libvips: libnvjpeg not found ...").</summary>
public sealed record CudaDeviceInfo(
    int Ordinal,
    string Name,
    string Backend,
    string? ComputeCapability,
    int Multiprocessors,
    long TotalMemoryBytes,
    long? FreeMemoryBytes,
    string? DriverVersion,
    bool InUse,
    string JpegCodec);
