namespace PhotoFF.Cuda;

/// <summary>The <c>CUfunction_attribute</c> values the module sets (<see cref="CudaKernel.SetAttribute"/>).</summary>
internal enum CudaFunctionAttribute
{
    /// <summary>The most dynamic shared memory a launch of the kernel may ask for; above 48 KB it must be raised first.</summary>
    MaxDynamicSharedSizeBytes = 8,

    /// <summary>The share of the unified L1 / shared memory, in percent, that the kernel prefers as shared memory (a hint).</summary>
    PreferredSharedMemoryCarveout = 9,
}
