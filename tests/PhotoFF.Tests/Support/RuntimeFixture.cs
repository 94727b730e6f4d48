using PhotoFF.Imaging;

[assembly: AssemblyFixture(typeof(PhotoFF.Tests.Support.RuntimeFixture))]

namespace PhotoFF.Tests.Support;

/// <summary>Holds the backends for the whole test run, as an imported module does, and poisons every rented buffer.</summary>
public sealed class RuntimeFixture : IDisposable
{
    private readonly IDisposable lease = BackendSelector.Acquire();

    public RuntimeFixture()
    {
        Backends.BackendDiagnostics.PoisonAllocations = true;
    }

    public void Dispose() => lease.Dispose();
}
