using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Cuda;

public sealed class CudaKernelTests
{
    [Fact]
    public void SetAttribute_raises_the_shared_memory_limit_and_a_refused_value_names_the_kernel()
    {
        CudaBackend cuda = (CudaBackend)TestBackends.Cuda;
        CudaKernel kernel = cuda.Kernel("flip", "flip");
        kernel.SetAttribute(CudaFunctionAttribute.MaxDynamicSharedSizeBytes, 48 * 1024);
        kernel.SetAttribute(CudaFunctionAttribute.PreferredSharedMemoryCarveout, 50);

        // More dynamic shared memory than any GPU has: the driver refuses it, and the error says which kernel.
        CudaException refused = Assert.Throws<CudaException>(() => kernel.SetAttribute(CudaFunctionAttribute.MaxDynamicSharedSizeBytes, 1 << 30));
        Assert.Equal(CudaResult.InvalidValue, refused.Result);
        Assert.Contains("flip", refused.Message);
        Assert.Contains("MaxDynamicSharedSizeBytes", refused.Message);
        Assert.False(refused.IsContextFatal);
    }
}
