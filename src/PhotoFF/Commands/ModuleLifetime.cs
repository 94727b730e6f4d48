using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>
/// Each runspace that imports the module holds a lease on the backends until it removes the module or closes: runspaces
/// of ForEach-Object -Parallel and of runspace pools are closed without removing their modules, so closing counts as a
/// removal. When the last lease goes, every device buffer, stream, module and context is freed.
/// </summary>
public sealed class ModuleLifetime : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The lease of an import made outside any runspace (a host calling the initializer itself).</summary>
    private static readonly object NoRunspace = new();

    private static readonly Dictionary<object, RunspaceLease> Leases = new(ReferenceEqualityComparer.Instance);

    public void OnImport()
    {
        Runspace? runspace = Runspace.DefaultRunspace;
        lock (Leases)
        {
            object key = runspace ?? NoRunspace;
            if (Leases.TryGetValue(key, out RunspaceLease? held))
            {
                held.Imports++;
                return;
            }

            Leases.Add(key, new RunspaceLease(BackendSelector.Acquire()));
        }

        if (runspace is not null)
        {
            runspace.StateChanged += OnRunspaceStateChanged;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => Release(Runspace.DefaultRunspace, all: false);

    private static void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
    {
        if (sender is Runspace runspace && e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken)
        {
            Release(runspace, all: true);
        }
    }

    /// <summary>Gives back one import of <paramref name="runspace"/>, or all of them; the lease goes with the last.</summary>
    private static void Release(Runspace? runspace, bool all)
    {
        RunspaceLease? released = null;
        lock (Leases)
        {
            object key = runspace ?? NoRunspace;
            if (Leases.TryGetValue(key, out RunspaceLease? held) && (all || --held.Imports == 0))
            {
                Leases.Remove(key);
                released = held;
            }
        }

        if (released is null)
        {
            return;
        }

        if (runspace is not null)
        {
            runspace.StateChanged -= OnRunspaceStateChanged;
        }

        released.Backends.Dispose();
    }

    private sealed class RunspaceLease(IDisposable backends)
    {
        public IDisposable Backends { get; } = backends;

        public int Imports { get; set; } = 1;
    }
}
