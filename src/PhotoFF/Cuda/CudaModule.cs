using System.Runtime.InteropServices;
using System.Text;

namespace PhotoFF.Cuda;

/// <summary>A module JIT-compiled by the driver from PTX text; unloaded on dispose.</summary>
internal sealed unsafe class CudaModule : IDisposable
{
    private const int JitErrorLogBuffer = 5;
    private const int JitErrorLogBufferSizeBytes = 6;
    private const int LogBytes = 16 * 1024;
    private readonly Dictionary<string, CudaKernel> kernels = new(StringComparer.Ordinal);
    private bool disposed;

    private CudaModule(CuModule handle, string name)
    {
        Handle = handle;
        Name = name;
    }

    public string Name { get; }

    internal CuModule Handle { get; }

    /// <summary>Loads PTX; a JIT failure carries the driver's compiler log.</summary>
    public static CudaModule LoadPtx(string name, ReadOnlySpan<byte> ptx)
    {
        // The driver wants a NUL-terminated image.
        byte[] image = new byte[ptx.Length + 1];
        ptx.CopyTo(image);
        byte* log = stackalloc byte[LogBytes];
        int* options = stackalloc int[] { JitErrorLogBuffer, JitErrorLogBufferSizeBytes };
        void** values = stackalloc void*[] { log, (void*)LogBytes };
        fixed (byte* imagePointer = image)
        {
            CudaResult result = NativeMethods.cuModuleLoadDataEx(out CuModule handle, imagePointer, 2, options, values);
            if (result != CudaResult.Success)
            {
                string jitLog = Marshal.PtrToStringAnsi((nint)log) ?? string.Empty;
                throw new CudaException(result, $"cuModuleLoadDataEx({name})" + (jitLog.Length > 0 ? $": {jitLog.Trim()}" : string.Empty));
            }

            return new CudaModule(handle, name);
        }
    }

    /// <summary>The kernel named <paramref name="entry"/> (an <c>extern "C"</c> name), looked up once.</summary>
    public CudaKernel Kernel(string entry)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        lock (kernels)
        {
            if (!kernels.TryGetValue(entry, out CudaKernel? kernel))
            {
                byte[] name = Encoding.ASCII.GetBytes(entry + "\0");
                fixed (byte* namePointer = name)
                {
                    CudaException.ThrowIfFailed(NativeMethods.cuModuleGetFunction(out CuFunction function, Handle, namePointer), $"cuModuleGetFunction({entry})");
                    kernel = new CudaKernel(entry, function);
                }

                kernels.Add(entry, kernel);
            }

            return kernel;
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        CudaException.ThrowIfFailed(NativeMethods.cuModuleUnload(Handle));
    }
}
