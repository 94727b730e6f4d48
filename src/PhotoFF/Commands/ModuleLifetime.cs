using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>
/// Import-Module takes a lease on the backends; Remove-Module gives it back. When the last runspace that imported the
/// module removes it, every device buffer, stream, module and context is freed.
/// </summary>
public sealed class ModuleLifetime : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly Stack<IDisposable> Leases = new();

    public void OnImport()
    {
        lock (Leases)
        {
            Leases.Push(BackendSelector.Acquire());
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        IDisposable? lease = null;
        lock (Leases)
        {
            if (Leases.Count > 0)
            {
                lease = Leases.Pop();
            }
        }

        lease?.Dispose();
    }
}
