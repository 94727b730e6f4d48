using PhotoFF.Imaging;

namespace PhotoFF.Bench;

/// <summary>The operations timed, each with the bytes its memory floor counts.</summary>
internal static class BenchmarkCatalog
{
    /// <summary>The blur radii timed and checked against the CPU.</summary>
    public static IReadOnlyList<(double Radius, string Name)> BlurRadii { get; } =
    [
        (5, "Gaussian blur radius 5 (sigma 2.5, 17 taps)"),
        (8, "Gaussian blur radius 8 (sigma 4, 25 taps)"),
        (10, "Gaussian blur radius 10 (sigma 5, 31 taps)"),
        (20, "Gaussian blur radius 20 (sigma 10, 61 taps)"),
        (50, "Gaussian blur radius 50 (sigma 25, 151 taps)"),
    ];

    public static IEnumerable<(string Name, long Bytes, Action<CudaImage> Operation)> Operations()
    {
        // Corner radius touches only the four corner squares: its floor is those pixels read and written.
        long corner = 4L * 40 * 40 * 4 * 2;
        yield return ("corner radius 40", corner, image => image.CornerRadius(40));
    }
}
