using System.Runtime.InteropServices;

namespace PhotoFF.Codecs;

/// <summary>
/// RGBA8 pixels in native host memory, freed when disposed. Decoded images and pixels on their way to an encoder live
/// here rather than in managed arrays: an array of a large image goes to the large object heap, whose memory the
/// garbage collector keeps long after the array is dead (a batch of 1 GB images left gigabytes resident).
/// </summary>
public sealed unsafe class HostPixels : IDisposable
{
    private byte* address;

    /// <param name="bytes">The size, 1 to int.MaxValue bytes (one span).</param>
    public HostPixels(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, int.MaxValue);
        Length = (int)bytes;
        address = (byte*)NativeMemory.Alloc((nuint)bytes);
    }

    // Freeing process memory is safe on the finalizer thread (unlike a driver call); it only covers a missed Dispose.
    ~HostPixels() => Free();

    public int Length { get; }

    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(address == null, this);
            return new Span<byte>(address, Length);
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        byte* old = address;
        address = null;
        if (old != null)
        {
            NativeMemory.Free(old);
        }
    }
}
