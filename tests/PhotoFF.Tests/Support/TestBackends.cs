using PhotoFF.Backends;
using PhotoFF.Imaging;

namespace PhotoFF.Tests.Support;

/// <summary>
/// The backends under test. Without a GPU the CUDA tests report themselves skipped; with PHOTOFF_REQUIRE_CUDA=1 (the
/// GPU machine) a missing CUDA backend is a failure instead.
/// </summary>
internal static class TestBackends
{
    public static bool CudaRequired => Environment.GetEnvironmentVariable("PHOTOFF_REQUIRE_CUDA") == "1";

    public static IImageBackend Cpu => BackendSelector.Cpu;

    /// <summary>CUDA device 0, or a skip (a failure when CUDA is required).</summary>
    public static IImageBackend Cuda
    {
        get
        {
            if (!BackendSelector.CudaAvailable(out string reason))
            {
                if (CudaRequired)
                {
                    Assert.Fail($"PHOTOFF_REQUIRE_CUDA=1 but CUDA is unavailable: {reason}");
                }

                Assert.Skip($"No CUDA device: {reason}");
            }

            return BackendSelector.ForDevice(0);
        }
    }

    /// <summary>Both backends' names for theories: "Cpu" and "Cuda".</summary>
    public static TheoryData<string> Names => new("Cpu", "Cuda");

    public static IImageBackend Named(string name) => name == "Cuda" ? Cuda : Cpu;
}
