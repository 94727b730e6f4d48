using System.Runtime.CompilerServices;
using PhotoFF.Backends;

namespace PhotoFF.Imaging;

/// <summary>
/// Spreads new images over several backends (-Device All): each goes to the backend with the fewest images claimed on it
/// (<see cref="DeviceClaim"/>: given a device and not yet exported or disposed), the first of them on a tie. A device
/// that works faster hands its images on sooner and so gets more of them; equal devices take turns. Devices whose
/// backend was dropped after a fault are passed over until they are started again. The counts are process-wide, so
/// several pipelines spreading at once see each other's images.
/// </summary>
internal static class DeviceSpread
{
    private static readonly object Gate = new();
    private static readonly ConditionalWeakTable<IImageBackend, StrongBox<long>> Claimed = new();

    /// <summary>The images claimed on <paramref name="backend"/> now.</summary>
    public static long ClaimedOn(IImageBackend backend) =>
        Claimed.TryGetValue(backend, out StrongBox<long>? images) ? Interlocked.Read(ref images.Value) : 0;

    /// <summary>A claim on the candidate with the fewest images claimed; the caller hands it to the image it places there.</summary>
    /// <exception cref="InvalidOperationException">Every candidate's device was lost and none has been started again.</exception>
    public static DeviceClaim Claim(IReadOnlyList<IImageBackend> candidates)
    {
        lock (Gate)
        {
            (IImageBackend backend, StrongBox<long> images) = Choose(candidates);
            Interlocked.Increment(ref images.Value);
            return new DeviceClaim(backend, images);
        }
    }

    /// <summary>
    /// A new image made by <paramref name="create"/> on one of <paramref name="candidates"/>: the only one, or the least
    /// busy, which the image then holds a claim on until it is disposed or exported.
    /// </summary>
    public static CudaImage Create(IReadOnlyList<IImageBackend> candidates, Func<IImageBackend, CudaImage> create)
    {
        if (candidates.Count == 1)
        {
            return create(candidates[0]);
        }

        DeviceClaim claim = Claim(candidates);
        try
        {
            CudaImage image = create(claim.Backend);
            image.HoldClaim(claim);
            return image;
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    private static (IImageBackend Backend, StrongBox<long> Images) Choose(IReadOnlyList<IImageBackend> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count, nameof(candidates));
        IImageBackend? best = null;
        StrongBox<long>? bestImages = null;
        foreach (IImageBackend candidate in candidates)
        {
            if (BackendSelector.Live(candidate) is not { } live)
            {
                continue;
            }

            StrongBox<long> images = Claimed.GetValue(live, _ => new StrongBox<long>());
            if (bestImages is null || Interlocked.Read(ref images.Value) < Interlocked.Read(ref bestImages.Value))
            {
                (best, bestImages) = (live, images);
            }
        }

        return best is null
            ? throw new InvalidOperationException(
                $"Every device this batch was spread over was lost ({string.Join(", ", candidates.Select(c => $"CUDA device {c.DeviceOrdinal}"))}); " +
                "they are started again when a command next asks for them.")
            : (best, bestImages!);
    }
}
