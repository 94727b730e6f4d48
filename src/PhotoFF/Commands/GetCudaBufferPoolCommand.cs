using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Memory;

namespace PhotoFF.Commands;

/// <summary>Get-CudaBufferPool: the statistics of every pool of every backend in use.</summary>
[Cmdlet(VerbsCommon.Get, "CudaBufferPool", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(BufferPoolStatistics))]
public sealed class GetCudaBufferPoolCommand : PhotoFFCommand
{
    protected override void EndProcessing()
    {
        foreach (BufferPool pool in BackendSelector.Active.SelectMany(backend => backend.Pools))
        {
            WriteObject(pool.Statistics());
        }
    }
}
