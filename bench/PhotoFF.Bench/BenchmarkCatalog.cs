using PhotoFF.Backends.Cuda;
using PhotoFF.Imaging;

namespace PhotoFF.Bench;

/// <summary>The operations timed, each with the bytes its memory floor counts.</summary>
internal static class BenchmarkCatalog
{
    public static IEnumerable<(string Name, long Bytes, Action<CudaImage> Operation)> Operations(long imageBytes, int width, int height, CudaBackend backend)
    {
        long readWrite = 2 * imageBytes;
        yield return ("Gaussian blur radius 5 (sigma 2.5)", readWrite, image => image.GaussianBlur(5));
        yield return ("Gaussian blur radius 20 (sigma 10)", readWrite, image => image.GaussianBlur(20));
        yield return ("Gaussian blur radius 50 (sigma 25)", readWrite, image => image.GaussianBlur(50));
        // Corner radius touches only the four corner squares: its floor is those pixels read and written.
        long corner = 4L * 40 * 40 * 4 * 2;
        yield return ("corner radius 40", corner, image => image.CornerRadius(40));
    }
}
