using System.Runtime.CompilerServices;
using PhotoFF.Backends;

namespace PhotoFF.Imaging;

/// <summary>
/// One image's share of the work queued on a device, for <see cref="DeviceSpread"/>: taken when the image is given a
/// device, given back when it leaves (disposed, exported, or collected undisposed: the finalizer only decrements a
/// counter, no driver call).
/// </summary>
internal sealed class DeviceClaim : IDisposable
{
    private StrongBox<long>? images;

    internal DeviceClaim(IImageBackend backend, StrongBox<long> images)
    {
        Backend = backend;
        this.images = images;
    }

    ~DeviceClaim() => Release();

    /// <summary>The backend the image was given.</summary>
    public IImageBackend Backend { get; }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref images, null) is { } counter)
        {
            Interlocked.Decrement(ref counter.Value);
        }
    }
}
