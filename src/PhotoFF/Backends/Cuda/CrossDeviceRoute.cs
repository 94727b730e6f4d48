namespace PhotoFF.Backends.Cuda;

/// <summary>How pixels of one CUDA backend reach a buffer of another.</summary>
internal enum CrossDeviceRoute
{
    /// <summary>Both backends are on one device (one primary context): a device-to-device copy.</summary>
    SameDevice,

    /// <summary>The receiving device reads the other's memory directly (NVLink or PCIe peer access).</summary>
    Peer,

    /// <summary>Down into pinned host memory on the sending device's stream, up from it on the receiving one's.</summary>
    Host,
}
