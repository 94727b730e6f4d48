using System.Runtime.InteropServices;
using NetVips;

namespace PhotoFF.Codecs;

/// <summary>
/// An image's pixels computed a strip at a time into one buffer of native memory that this keeps: the last operation
/// of the pipeline (for a JPEG, the loader's line cache) writes each strip straight into it (vips_region_prepare_to).
/// vips_region_fetch, which this replaces, made a region and a buffer for every strip and copied the strip once more,
/// into memory it allocated anew each time. Use it on one thread (libvips regions are not shared).
/// </summary>
internal sealed unsafe class RegionStrips : IDisposable
{
    private readonly Region source;
    private readonly int width;
    private readonly int pixelBytes;
    private byte* buffer;
    private nint memory;

    /// <param name="image">The pipeline whose pixels are read: band-interleaved, of any format libvips computes.</param>
    /// <param name="stripRows">The most rows one <see cref="Read"/> asks for.</param>
    public RegionStrips(Image image, int stripRows)
    {
        width = image.Width;
        pixelBytes = image.Bands * ImageReader.SampleBytes(image.Format);
        nuint bytes = checked((nuint)pixelBytes * (nuint)width * (nuint)stripRows);
        source = Region.New(image);
        try
        {
            buffer = (byte*)NativeMemory.AlignedAlloc(bytes, 64);
            memory = VipsNative.NewMemoryRegion(buffer, bytes, width, stripRows, image.Bands, image.Format);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Whether this libvips has what strips are computed with (else read through NetVips'
    /// <see cref="Region.Fetch"/>).</summary>
    public static bool IsAvailable => VipsNative.CanComputeIntoMemory;

    /// <summary>Rows <paramref name="top"/>..top+rows-1, packed; valid until the next read.</summary>
    /// <exception cref="VipsException">libvips could not compute them.</exception>
    public ReadOnlySpan<byte> Read(int top, int rows)
    {
        ObjectDisposedException.ThrowIf(buffer == null, this);
        VipsNative.ComputeInto(source, memory, new VipsRect(0, top, width, rows));
        return new ReadOnlySpan<byte>(buffer, checked(pixelBytes * width * rows));
    }

    public void Dispose()
    {
        // The region over the buffer goes first: it is the last user of that memory.
        if (memory != 0)
        {
            VipsNative.Unref(memory);
            memory = 0;
        }

        if (buffer != null)
        {
            NativeMemory.AlignedFree(buffer);
            buffer = null;
        }

        source.Dispose();
    }
}
