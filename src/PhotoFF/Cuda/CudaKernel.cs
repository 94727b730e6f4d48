namespace PhotoFF.Cuda;

/// <summary>A kernel function of a loaded module.</summary>
internal sealed unsafe class CudaKernel
{
    /// <summary>A debugging aid for users, documented in README.md: with PHOTOFF_CUDA_SYNC=1 in the environment when the
    /// module loads, every launch is followed by a synchronization, so that an asynchronous fault is reported by the
    /// kernel that caused it (its name is in the error) instead of by a later call. Slow; off by default.</summary>
    private static readonly bool SynchronizeEachLaunch = Environment.GetEnvironmentVariable("PHOTOFF_CUDA_SYNC") == "1";

    internal CudaKernel(string name, CuFunction function)
    {
        Name = name;
        Function = function;
    }

    public string Name { get; }

    internal CuFunction Function { get; }

    /// <summary>Queues the kernel on <paramref name="stream"/>; a failed launch throws naming the kernel.</summary>
    public void Launch(CudaStream stream, Dim3 grid, Dim3 block, uint sharedMemoryBytes, ReadOnlySpan<KernelArgument> arguments)
    {
        if (grid.X == 0 || grid.Y == 0 || grid.Z == 0)
        {
            return; // An empty image: nothing to launch.
        }

        void** pointers = stackalloc void*[Math.Max(arguments.Length, 1)];
        fixed (KernelArgument* slots = arguments)
        {
            for (int i = 0; i < arguments.Length; i++)
            {
                pointers[i] = slots + i;
            }

            CudaException.ThrowIfFailed(
                NativeMethods.cuLaunchKernel(Function, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, sharedMemoryBytes, stream.Handle, pointers, null),
                $"cuLaunchKernel({Name})");
        }

        if (SynchronizeEachLaunch)
        {
            CudaException.ThrowIfFailed(NativeMethods.cuStreamSynchronize(stream.Handle), $"cuStreamSynchronize after {Name}");
        }
    }

    /// <summary>Sets one of the kernel's attributes (for all later launches, from any thread).</summary>
    public void SetAttribute(CudaFunctionAttribute attribute, int value) =>
        CudaException.ThrowIfFailed(NativeMethods.cuFuncSetAttribute(Function, attribute, value), $"cuFuncSetAttribute({Name}, {attribute}, {value})");

    public override string ToString() => Name;
}

/// <summary>Grid or block dimensions.</summary>
internal readonly record struct Dim3(uint X, uint Y = 1, uint Z = 1)
{
    /// <summary>A grid that covers <paramref name="width"/> x <paramref name="height"/> with blocks of <paramref name="block"/>.</summary>
    public static Dim3 Cover(int width, int height, Dim3 block) =>
        new((uint)((width + block.X - 1) / block.X), (uint)((height + block.Y - 1) / block.Y));

    /// <summary>A one-dimensional grid that covers <paramref name="count"/> items.</summary>
    public static Dim3 Cover(long count, uint block) => new((uint)((count + block - 1) / block));
}
