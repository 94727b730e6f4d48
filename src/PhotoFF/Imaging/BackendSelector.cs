using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;

namespace PhotoFF.Imaging;

/// <summary>
/// Chooses and owns the backends of the process. CUDA device 0 by default; without a device or driver, the CPU
/// backend with one warning; <c>$env:PHOTOFF_BACKEND = 'Cpu'|'Cuda'</c> forces a choice (<c>Cuda</c> without a device
/// is an error). Backends live until the last <see cref="Acquire"/> lease is disposed (Remove-Module PhotoFF).
/// </summary>
internal static class BackendSelector
{
    public const string EnvironmentVariable = "PHOTOFF_BACKEND";
    private static readonly object Gate = new();
    private static readonly Dictionary<int, CudaBackend> CudaBackends = [];
    private static CpuBackend? cpu;
    private static string? pendingWarning;
    private static bool warned;
    private static int leases;

    /// <summary>The backend that new images go to when no device is named.</summary>
    public static IImageBackend Current => ForDevice(null);

    /// <summary>Whether CUDA is usable here, without creating a backend; the reason when not.</summary>
    public static bool CudaAvailable(out string reason) => CudaDriver.TryInitialize(out reason);

    /// <summary>
    /// The backend for CUDA device <paramref name="ordinal"/>, or the default choice when null. Naming a device under
    /// <c>PHOTOFF_BACKEND=Cpu</c> is an error, as is any CUDA choice without a device.
    /// </summary>
    public static IImageBackend ForDevice(int? ordinal)
    {
        BackendKind? forced = ForcedKind();
        lock (Gate)
        {
            if (forced == BackendKind.Cpu)
            {
                if (ordinal is not null)
                {
                    throw new InvalidOperationException($"{EnvironmentVariable} is 'Cpu', so CUDA device {ordinal} cannot be used.");
                }

                return cpu ??= new CpuBackend();
            }

            if (!CudaDriver.TryInitialize(out string reason))
            {
                if (forced == BackendKind.Cuda || ordinal is not null)
                {
                    throw new CudaException($"CUDA was asked for ({(ordinal is null ? $"{EnvironmentVariable}=Cuda" : $"device {ordinal}")}) but {reason}.");
                }

                if (!warned)
                {
                    warned = true;
                    pendingWarning = $"PhotoFF is running on the CPU: {reason}. Set {EnvironmentVariable}=Cpu to silence this warning.";
                }

                return cpu ??= new CpuBackend();
            }

            int device = ordinal ?? 0;
            if (!CudaBackends.TryGetValue(device, out CudaBackend? backend))
            {
                backend = new CudaBackend(device);
                CudaBackends.Add(device, backend);
            }

            return backend;
        }
    }

    /// <summary>The CPU backend, whatever the choice: the reference the CUDA results are compared with.</summary>
    public static IImageBackend Cpu
    {
        get
        {
            lock (Gate)
            {
                return cpu ??= new CpuBackend();
            }
        }
    }

    /// <summary>The one fallback warning, once per process; null afterwards or when there is none.</summary>
    public static string? TakeWarning()
    {
        lock (Gate)
        {
            string? warning = pendingWarning;
            pendingWarning = null;
            return warning;
        }
    }

    /// <summary>The backends created so far.</summary>
    public static IReadOnlyList<IImageBackend> Active
    {
        get
        {
            lock (Gate)
            {
                List<IImageBackend> all = [.. CudaBackends.Values];
                if (cpu is not null)
                {
                    all.Add(cpu);
                }

                return all;
            }
        }
    }

    /// <summary>Keeps the backends alive until the lease is disposed; the last lease frees every buffer, stream,
    /// module and context.</summary>
    public static IDisposable Acquire()
    {
        Interlocked.Increment(ref leases);
        return new Lease();
    }

    /// <summary>
    /// Drops a backend whose CUDA context is broken (a sticky error), so that the next use builds a new one. When the
    /// broken context cannot even be reset, that failure is thrown together with <paramref name="error"/>.
    /// </summary>
    public static void ReportFault(IImageBackend backend, Exception error)
    {
        if (backend is not CudaBackend cuda || error is not CudaException { IsContextFatal: true })
        {
            return;
        }

        lock (Gate)
        {
            if (!CudaBackends.TryGetValue(cuda.DeviceOrdinal, out CudaBackend? current) || !ReferenceEquals(current, cuda))
            {
                return;
            }

            CudaBackends.Remove(cuda.DeviceOrdinal);
            try
            {
                cuda.Abandon();
            }
            catch (Exception resetError)
            {
                throw new AggregateException($"CUDA device {cuda.DeviceOrdinal} failed and its context could not be reset.", error, resetError);
            }
        }
    }

    private static BackendKind? ForcedKind()
    {
        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Enum.TryParse(value.Trim(), ignoreCase: true, out BackendKind kind)
            ? kind
            : throw new InvalidOperationException($"{EnvironmentVariable} is '{value}'; use Cpu, Cuda or Auto.");
    }

    /// <summary>Disposes every backend, each even when one before it failed; the failures are thrown together.</summary>
    private static void Shutdown()
    {
        lock (Gate)
        {
            Cleanup cleanup = new();
            foreach (CudaBackend backend in CudaBackends.Values)
            {
                cleanup.Run(backend.Dispose);
            }

            CudaBackends.Clear();
            if (cpu is not null)
            {
                cleanup.Run(cpu.Dispose);
                cpu = null;
            }

            cleanup.ThrowIfFailed("the PhotoFF backends");
        }
    }

    private sealed class Lease : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0 && Interlocked.Decrement(ref leases) == 0)
            {
                Shutdown();
            }
        }
    }
}
