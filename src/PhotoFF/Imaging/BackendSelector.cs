using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;
using PhotoFF.Cuda;

namespace PhotoFF.Imaging;

/// <summary>
/// Chooses and owns the backends of the process: one <see cref="CudaBackend"/> per CUDA device, and the CPU backend.
/// New images go to CUDA device 0 unless a command names devices (-Device 1, -Device All) or <c>$env:PHOTOFF_DEVICE</c>
/// (<c>All</c> or an ordinal) says otherwise; without a device or driver, the CPU backend with one warning;
/// <c>$env:PHOTOFF_BACKEND = 'Cpu'|'Cuda'</c> forces a choice (<c>Cuda</c> without a device is an error). Backends live
/// until the last <see cref="Acquire"/> lease is disposed (Remove-Module PhotoFF).
/// </summary>
internal static class BackendSelector
{
    public const string EnvironmentVariable = "PHOTOFF_BACKEND";

    /// <summary>The devices new images go to when a command names none: All, or an ordinal; device 0 when unset.</summary>
    public const string DeviceVariable = "PHOTOFF_DEVICE";

    private static readonly object Gate = new();
    private static readonly Dictionary<int, CudaBackend> CudaBackends = [];

    /// <summary>
    /// Backends dropped after a fault, whose contexts are reset when their device is next asked for (or the module
    /// removed), not at the fault: threads of the batch in flight may still be copying into the context's pinned buffers,
    /// which a reset would unmap under them. Until then the device takes no new images.
    /// </summary>
    private static readonly Dictionary<int, CudaBackend> Broken = [];
    private static CpuBackend? cpu;
    private static string? pendingWarning;
    private static bool warned;
    private static int leases;

    /// <summary>Whether CUDA is usable here, without creating a backend; the reason when not.</summary>
    public static bool CudaAvailable(out string reason) => CudaDriver.TryInitialize(out reason);

    /// <summary>
    /// The backends <paramref name="choice"/> names, created as needed: one device; every CUDA device for
    /// <see cref="DeviceChoice.All"/> (the CPU backend alone where CUDA is not used, so that scripts written for several
    /// GPUs run anywhere); for null, <c>PHOTOFF_DEVICE</c>'s choice, or the default backend. Naming one device under
    /// <c>PHOTOFF_BACKEND=Cpu</c> is an error, as is any CUDA choice without a device.
    /// </summary>
    public static IReadOnlyList<IImageBackend> ForChoice(DeviceChoice? choice)
    {
        DeviceChoice? chosen = choice ?? DefaultChoice();
        if (chosen is not { IsAll: true })
        {
            return [ForDevice(chosen?.Ordinal)];
        }

        // Without CUDA (or under PHOTOFF_BACKEND=Cpu): the default backend, which is the CPU's or the error that says why not.
        if (ForcedKind() == BackendKind.Cpu || !CudaDriver.TryInitialize(out _))
        {
            return [ForDevice(null)];
        }

        return Enumerable.Range(0, CudaDriver.DeviceCount).Select(ordinal => ForDevice(ordinal)).ToArray();
    }

    /// <summary>
    /// The backend for CUDA device <paramref name="ordinal"/>, or the default choice when null (the CPU backend, or
    /// device 0). Naming a device under <c>PHOTOFF_BACKEND=Cpu</c> is an error, as is any CUDA choice without a device.
    /// A device whose backend was dropped after a fault gets a new one, its broken context reset first.
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
                ResetBroken(device);
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

    /// <summary>
    /// The backend that now serves <paramref name="backend"/>'s device: the same one while it works, a new one when it
    /// was dropped after a fault (or shut down) and has been started again since, null when it has not (new images must
    /// not go there). Never creates a backend.
    /// </summary>
    public static IImageBackend? Live(IImageBackend backend)
    {
        if (backend is not CudaBackend { IsShutDown: true } cuda)
        {
            return backend;
        }

        lock (Gate)
        {
            return CudaBackends.TryGetValue(cuda.DeviceOrdinal, out CudaBackend? current) ? current : null;
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

    /// <summary>The backends created so far, CUDA devices by ordinal, then the CPU backend.</summary>
    public static IReadOnlyList<IImageBackend> Active
    {
        get
        {
            lock (Gate)
            {
                List<IImageBackend> all = [.. CudaBackends.OrderBy(entry => entry.Key).Select(entry => entry.Value)];
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
    /// Drops a backend whose CUDA context is broken (a sticky error), so that new images no longer go to its device and
    /// the next use builds a new one. Its images fail from now on, each with an error that says the device was lost; the
    /// context is reset when the device is next asked for (see <see cref="Broken"/>).
    /// </summary>
    public static void ReportFault(IImageBackend backend, Exception error)
    {
        if (backend is not CudaBackend cuda || error is not CudaException { IsContextFatal: true } fault)
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
            cuda.Abandon($"{fault.ErrorName} in {fault.Call}");
            Broken[cuda.DeviceOrdinal] = cuda;
        }
    }

    /// <summary>Resets the context of a backend dropped after a fault on <paramref name="device"/>, if there is one.</summary>
    private static void ResetBroken(int device)
    {
        if (Broken.Remove(device, out CudaBackend? broken))
        {
            try
            {
                broken.ResetContext();
            }
            catch (Exception resetError)
            {
                throw new CudaException($"CUDA device {device} failed earlier ({broken.LostReason}) and its context could not be reset: {resetError.Message}");
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

    /// <summary>PHOTOFF_DEVICE's choice; null when it is not set.</summary>
    private static DeviceChoice? DefaultChoice()
    {
        string? value = Environment.GetEnvironmentVariable(DeviceVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DeviceChoice.TryParse(value, out DeviceChoice choice, out _)
            ? choice
            : throw new InvalidOperationException($"{DeviceVariable} is '{value}'; use All or a device ordinal, 0 to {DeviceChoice.MaxOrdinal}.");
    }

    /// <summary>Disposes every backend, each even when one before it failed, and resets the contexts of those dropped
    /// after a fault; the failures are thrown together.</summary>
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
            foreach (CudaBackend broken in Broken.Values)
            {
                cleanup.Run(broken.ResetContext);
            }

            Broken.Clear();
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
