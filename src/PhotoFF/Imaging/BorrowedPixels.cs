using PhotoFF.Backends;

namespace PhotoFF.Imaging;

/// <summary>An image's pixels lent to an operation on another image (<see cref="CudaImage.PixelsFor"/>): the image's own
/// buffer, or a copy on the other image's backend that disposing gives back to its pool.</summary>
internal readonly struct BorrowedPixels(PixelBuffer buffer, bool owned) : IDisposable
{
    public PixelBuffer Buffer { get; } = buffer;

    public void Dispose()
    {
        if (owned)
        {
            Buffer.Dispose();
        }
    }
}
