using System.Runtime.InteropServices;

namespace PhotoFF.Cuda;

/// <summary>
/// One kernel parameter, held in an 8-byte slot whose address goes to <c>cuLaunchKernel</c>. The driver copies
/// as many bytes as the kernel's parameter has, from the slot's start (little-endian), so any scalar up to
/// 8 bytes fits.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct KernelArgument
{
    private readonly ulong bits;

    private KernelArgument(ulong bits) => this.bits = bits;

    public static implicit operator KernelArgument(int value) => new((uint)value);

    public static implicit operator KernelArgument(uint value) => new(value);

    public static implicit operator KernelArgument(long value) => new((ulong)value);

    public static implicit operator KernelArgument(float value) => new(BitConverter.SingleToUInt32Bits(value));

    public static implicit operator KernelArgument(CuDevicePtr value) => new(value.Address);
}
