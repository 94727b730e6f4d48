using Microsoft.Win32.SafeHandles;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;
using PhotoFF.Memory;

namespace PhotoFF.Codecs.Gpu;

/// <summary>
/// An encoded JPEG file read into pooled page-locked memory, from which nvJPEG copies it to the GPU at full bus speed.
/// Dispose it when the GPU work that reads it has finished, or after <see cref="ReadBy"/> names the stream that reads it.
/// </summary>
internal sealed unsafe class PinnedBitstream : IDisposable
{
    private BufferLease? lease;

    private PinnedBitstream(BufferLease lease, int length)
    {
        this.lease = lease;
        Length = length;
    }

    public int Length { get; }

    public byte* Pointer => (byte*)Live.Address;

    public ReadOnlySpan<byte> Span => new(Pointer, Length);

    private BufferLease Live => lease ?? throw new ObjectDisposedException(nameof(PinnedBitstream));

    /// <summary>
    /// The file's bytes when it starts like a JPEG (SOI); null when it does not, or cannot be read here: the libvips path
    /// then opens it and reports what is wrong with it in its own words.
    /// </summary>
    public static PinnedBitstream? TryRead(string path, CudaBackend backend)
    {
        try
        {
            using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            long length = RandomAccess.GetLength(file);
            Span<byte> start = stackalloc byte[2];
            if (length < 4 || length > int.MaxValue || RandomAccess.Read(file, start, 0) != 2 || start[0] != 0xFF || start[1] != 0xD8)
            {
                return null;
            }

            BufferLease lease = backend.RentPinned(length);
            try
            {
                Span<byte> bytes = new((void*)lease.Address, (int)length);
                int read = 0;
                while (read < bytes.Length)
                {
                    int got = RandomAccess.Read(file, bytes[read..], read);
                    if (got == 0)
                    {
                        // The file shrank while being read: let libvips say what it finds.
                        lease.Dispose();
                        return null;
                    }

                    read += got;
                }

                return new PinnedBitstream(lease, (int)length);
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Names the stream whose queued work still reads the bytes: the memory is reused only after it.</summary>
    public void ReadBy(CudaStream stream) => Live.LastStream = stream;

    public void Dispose()
    {
        Interlocked.Exchange(ref lease, null)?.Dispose();
    }
}
