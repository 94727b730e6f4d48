namespace PhotoFF.Cuda;

/// <summary>What the driver reports about one device.</summary>
internal sealed unsafe class CudaDevice
{
    private CudaDevice(int ordinal, int handle)
    {
        Ordinal = ordinal;
        Handle = handle;

        byte* name = stackalloc byte[256];
        CudaException.ThrowIfFailed(NativeMethods.cuDeviceGetName(name, 256, handle));
        Name = new string((sbyte*)name);
        CudaException.ThrowIfFailed(NativeMethods.cuDeviceTotalMem_v2(out nuint total, handle));
        TotalMemoryBytes = (long)total;
        ComputeCapability = new Version(
            Attribute(CudaDeviceAttribute.ComputeCapabilityMajor),
            Attribute(CudaDeviceAttribute.ComputeCapabilityMinor));
        MultiprocessorCount = Attribute(CudaDeviceAttribute.MultiprocessorCount);
    }

    public int Ordinal { get; }

    internal int Handle { get; }

    public string Name { get; }

    public long TotalMemoryBytes { get; }

    public Version ComputeCapability { get; }

    public int MultiprocessorCount { get; }

    public static CudaDevice Get(int ordinal)
    {
        CudaException.ThrowIfFailed(NativeMethods.cuDeviceGet(out int handle, ordinal));
        return new CudaDevice(ordinal, handle);
    }

    public int Attribute(CudaDeviceAttribute attribute)
    {
        CudaException.ThrowIfFailed(NativeMethods.cuDeviceGetAttribute(out int value, attribute, Handle));
        return value;
    }
}
