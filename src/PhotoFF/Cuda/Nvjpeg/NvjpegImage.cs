using System.Runtime.InteropServices;

namespace PhotoFF.Cuda.Nvjpeg;

/// <summary>
/// <c>nvjpegImage_t</c>: <c>unsigned char* channel[NVJPEG_MAX_COMPONENT]; size_t pitch[NVJPEG_MAX_COMPONENT];</c> with
/// NVJPEG_MAX_COMPONENT = 4, so four device pointers then four sizes (64 bytes on a 64-bit process). The interleaved
/// formats use only the first channel.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvjpegImage
{
    public ulong Channel0;
    public ulong Channel1;
    public ulong Channel2;
    public ulong Channel3;
    public nuint Pitch0;
    public nuint Pitch1;
    public nuint Pitch2;
    public nuint Pitch3;

    /// <summary>One interleaved plane (RGBI) at <paramref name="pointer"/>, rows <paramref name="pitch"/> bytes apart.</summary>
    public static NvjpegImage Interleaved(CuDevicePtr pointer, long pitch) => new()
    {
        Channel0 = pointer.Address,
        Pitch0 = (nuint)pitch,
    };
}
