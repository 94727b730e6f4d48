using PhotoFF.Backends;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;
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

    /// <summary>
    /// A second CUDA backend on device 0, for one test to dispose, whose blocks may use at most
    /// <paramref name="bytes"/> of dynamic shared memory: it takes the kernels of a GPU with less shared memory (the
    /// blur's 32-row tiles, the distance field's tall column pass, the two-pass resize). A skip without a GPU, as
    /// <see cref="Cuda"/>.
    /// </summary>
    public static IImageBackend CudaWithSharedMemory(int bytes)
    {
        _ = Cuda;
        return new CudaBackend(0, bytes);
    }

    /// <summary>
    /// CUDA device 1, for the tests of several devices: a skip that says why on a machine with one device, even under
    /// PHOTOFF_REQUIRE_CUDA=1 (the one-GPU machine runs the suite too); without a GPU, as <see cref="Cuda"/>.
    /// </summary>
    public static IImageBackend SecondCuda
    {
        get
        {
            _ = Cuda;
            int devices = CudaDriver.DeviceCount;
            if (devices < 2)
            {
                Assert.Skip($"Needs two CUDA devices; this machine has {devices}.");
            }

            return BackendSelector.ForDevice(1);
        }
    }

    /// <summary>A second CUDA backend on device 0 (the same primary context, streams and pools of its own), for one test
    /// to dispose: copies between backends without a second GPU. A skip without a GPU, as <see cref="Cuda"/>.</summary>
    public static CudaBackend CudaTwin()
    {
        _ = Cuda;
        return new CudaBackend(0);
    }

    /// <summary>Both backends' names for theories: "Cpu" and "Cuda".</summary>
    public static TheoryData<string> Names => new("Cpu", "Cuda");

    public static IImageBackend Named(string name) => name == "Cuda" ? Cuda : Cpu;
}
