namespace PhotoFF.Commands;

/// <summary>A row of Get-CudaDevice: one CUDA device, or the CPU backend when there is none.</summary>
public sealed record CudaDeviceInfo(
    int Ordinal,
    string Name,
    string Backend,
    string? ComputeCapability,
    int Multiprocessors,
    long TotalMemoryBytes,
    long? FreeMemoryBytes,
    string? DriverVersion,
    bool InUse);
