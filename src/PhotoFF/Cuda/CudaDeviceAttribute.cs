namespace PhotoFF.Cuda;

/// <summary>The <c>CUdevice_attribute</c> values the module reads.</summary>
internal enum CudaDeviceAttribute
{
    MaxThreadsPerBlock = 1,
    MaxSharedMemoryPerBlock = 8,
    MaxSharedMemoryPerBlockOptin = 97,
    WarpSize = 10,
    ClockRate = 13,
    MultiprocessorCount = 16,
    ComputeCapabilityMajor = 75,
    ComputeCapabilityMinor = 76,
    MemoryClockRate = 36,
    GlobalMemoryBusWidth = 37,
    L2CacheSize = 38,
    PciBusId = 33,
}
