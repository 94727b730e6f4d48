using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

/// <summary>The PTX modules embedded in the assembly (kernels/ptx/*.ptx), each JIT-loaded on first use.</summary>
internal sealed class KernelCatalog : IDisposable
{
    private readonly Dictionary<string, CudaModule> modules = new(StringComparer.Ordinal);

    /// <summary>The kernel <paramref name="entry"/> of kernels/<paramref name="file"/>.cu.</summary>
    public CudaKernel Get(string file, string entry)
    {
        lock (modules)
        {
            if (!modules.TryGetValue(file, out CudaModule? module))
            {
                module = CudaModule.LoadPtx(file, ReadPtx(file));
                modules.Add(file, module);
            }

            return module.Kernel(entry);
        }
    }

    public static IReadOnlyList<string> EmbeddedFiles =>
        typeof(KernelCatalog).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("PhotoFF.Kernels.", StringComparison.Ordinal) && name.EndsWith(".ptx", StringComparison.Ordinal))
            .Select(name => name["PhotoFF.Kernels.".Length..^".ptx".Length])
            .ToArray();

    private static byte[] ReadPtx(string file)
    {
        string resource = $"PhotoFF.Kernels.{file}.ptx";
        using Stream stream = typeof(KernelCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The assembly has no embedded kernel module '{resource}'.");
        using MemoryStream copy = new();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose()
    {
        lock (modules)
        {
            Cleanup cleanup = new();
            foreach (CudaModule module in modules.Values)
            {
                cleanup.Run(module.Dispose);
            }

            modules.Clear();
            cleanup.ThrowIfFailed("the kernel modules");
        }
    }
}
