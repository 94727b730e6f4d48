using PhotoFF.Cuda;

namespace PhotoFF.Tests.Cuda;

public sealed class CudaExceptionTests
{
    /// <summary>The CUresult values after which the driver answers every call in the context with the same error
    /// (cuda.h: "the process is left in an inconsistent state"), or the context must be destroyed (a timeout).</summary>
    private static readonly CudaResult[] Fatal =
    [
        CudaResult.IllegalAddress, CudaResult.LaunchTimeout, CudaResult.Assert, CudaResult.HardwareStackError,
        CudaResult.IllegalInstruction, CudaResult.MisalignedAddress, CudaResult.InvalidAddressSpace, CudaResult.InvalidPc,
        CudaResult.LaunchFailed, CudaResult.Unknown,
    ];

    public static TheoryData<CudaResult> AllResults => new(Enum.GetValues<CudaResult>().Where(r => r != CudaResult.Success));

    [Theory]
    [MemberData(nameof(AllResults))]
    public void Faults_while_a_kernel_ran_are_fatal_to_the_context_and_nothing_else_is(CudaResult result)
    {
        Assert.Equal(Fatal.Contains(result), new CudaException(result, "cuStreamSynchronize").IsContextFatal);
    }

    [Fact]
    public void The_named_results_are_the_drivers_numbers()
    {
        Assert.Equal([700, 701, 702, 710, 714, 715, 716, 717, 718, 719],
            new[]
            {
                CudaResult.IllegalAddress, CudaResult.LaunchOutOfResources, CudaResult.LaunchTimeout, CudaResult.Assert,
                CudaResult.HardwareStackError, CudaResult.IllegalInstruction, CudaResult.MisalignedAddress,
                CudaResult.InvalidAddressSpace, CudaResult.InvalidPc, CudaResult.LaunchFailed,
            }.Select(r => (int)r));
    }

    [Fact]
    public void Cuda_being_unavailable_is_never_fatal_to_a_context()
    {
        CudaException unavailable = new("No CUDA device is available: no driver.");
        Assert.False(unavailable.IsContextFatal);
        Assert.Equal(CudaResult.NoDevice, unavailable.Result);
    }

    [Fact]
    public void A_captured_call_is_named_by_its_function_and_a_written_description_is_kept_whole()
    {
        CudaException captured = new(CudaResult.OutOfMemory, "NativeMethods.cuMemAlloc_v2(out pointer, (nuint)bytes)");
        Assert.StartsWith("cuMemAlloc_v2 failed: ", captured.Message);
        Assert.Contains("(2)", captured.Message);

        CudaException launch = new(CudaResult.LaunchOutOfResources, "cuLaunchKernel(gaussian_blur_fused_h5_t64)");
        Assert.StartsWith("cuLaunchKernel(gaussian_blur_fused_h5_t64) failed: ", launch.Message);

        CudaException jit = new(CudaResult.InvalidPtx, "cuModuleLoadDataEx(flip): ptxas fatal: unknown symbol");
        Assert.Contains("ptxas fatal: unknown symbol", jit.Message);
    }
}
