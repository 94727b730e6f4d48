using PhotoFF.Memory;

namespace PhotoFF.Backends.Cpu;

/// <summary>Pixels in pooled, aligned host memory.</summary>
internal sealed unsafe class CpuPixelBuffer : PixelBuffer
{
    internal CpuPixelBuffer(IImageBackend backend, BufferLease lease)
        : base(backend, lease)
    {
    }

    internal byte* Pointer => (byte*)Lease.Address;

    /// <summary>The first <paramref name="bytes"/> of the buffer.</summary>
    public Span<byte> Bytes(long bytes)
    {
        if ((ulong)bytes > (ulong)Lease.Capacity || bytes > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"The buffer holds {Lease.Capacity} bytes.");
        }

        return new Span<byte>(Pointer, (int)bytes);
    }

    /// <summary>The pixels as packed RGBA words (R in the lowest byte).</summary>
    public Span<uint> Pixels(long count) => new(Pointer, checked((int)Math.Min(count, Lease.Capacity / 4)));
}
