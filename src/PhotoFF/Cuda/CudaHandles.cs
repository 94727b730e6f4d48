using System.Runtime.InteropServices;

namespace PhotoFF.Cuda;

// Driver handles as blittable structs, so that a context can never be passed where a stream is expected.

[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CuContext(nint Handle)
{
    public bool IsNull => Handle == 0;
}

[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CuModule(nint Handle);

[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CuFunction(nint Handle);

[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CuStream(nint Handle)
{
    /// <summary>The legacy default stream.</summary>
    public static CuStream Default => new(0);
}

[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CuEvent(nint Handle);

/// <summary>A device address (<c>CUdeviceptr</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CuDevicePtr(ulong Address)
{
    public bool IsNull => Address == 0;

    public CuDevicePtr Offset(long bytes) => new(Address + (ulong)bytes);

    public override string ToString() => $"0x{Address:x}";
}
