using PhotoFF.Backends;
using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;

namespace PhotoFF.Tests.Support;

/// <summary>
/// Two backends for the tests of operations across devices, named "Source>Target": the pixels of an image on the source
/// backend are used by an operation on the target's. "Twin" is a second backend object of the same kind (on CUDA, of
/// device 0: the same GPU, other streams and pools); "/host" forces copies between CUDA devices through pinned host
/// memory. Pairs that need a GPU, or two, skip as <see cref="TestBackends.Cuda"/> and <see cref="TestBackends.SecondCuda"/> do.
/// </summary>
internal sealed class BackendPair : IDisposable
{
    private readonly IDisposable? owned;

    private BackendPair(IImageBackend source, IImageBackend target, IDisposable? owned)
    {
        Source = source;
        Target = target;
        this.owned = owned;
    }

    public static TheoryData<string> Names => new(
        "Cpu>CpuTwin", "CpuTwin>Cpu", "Cpu>Cuda", "Cuda>Cpu", "Cuda>CudaTwin", "CudaTwin>Cuda/host", "Cuda0>Cuda1", "Cuda1>Cuda0", "Cuda0>Cuda1/host");

    public IImageBackend Source { get; }

    public IImageBackend Target { get; }

    public static BackendPair Open(string name)
    {
        bool host = name.EndsWith("/host", StringComparison.Ordinal);
        string[] sides = name.Split('/')[0].Split('>');
        IDisposable? owned = null;
        IImageBackend Side(string side) => side switch
        {
            "Cpu" => TestBackends.Cpu,
            "CpuTwin" => (IImageBackend)(owned = new CpuBackend(256L << 20)),
            "Cuda" or "Cuda0" => TestBackends.Cuda,
            "CudaTwin" => (IImageBackend)(owned = TestBackends.CudaTwin()),
            "Cuda1" => TestBackends.SecondCuda,
            _ => throw new ArgumentException($"Unknown backend '{side}'.", nameof(name)),
        };

        // The second device first: a machine with one GPU skips before anything is created.
        if (name.Contains("Cuda1", StringComparison.Ordinal))
        {
            _ = TestBackends.SecondCuda;
        }

        BackendPair pair = new(Side(sides[0]), Side(sides[1]), owned);
        CudaBackend.StageThroughHost = host;
        return pair;
    }

    public override string ToString() => $"{Source.Kind} {Source.DeviceOrdinal} > {Target.Kind} {Target.DeviceOrdinal}";

    public void Dispose()
    {
        CudaBackend.StageThroughHost = false;
        owned?.Dispose();
    }
}
