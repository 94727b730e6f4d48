using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Memory;

namespace PhotoFF.Commands;

/// <summary>Clear-CudaBufferPool: frees every idle buffer; images still alive keep theirs. It also has the garbage
/// collector give back the memory it keeps for large arrays (the CPU backend's filters use some), which a plain
/// collection keeps committed.</summary>
[Cmdlet(VerbsCommon.Clear, "CudaBufferPool", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(BufferPoolStatistics))]
public sealed class ClearCudaBufferPoolCommand : PhotoFFCommand
{
    /// <summary>Writes each pool's statistics after clearing.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        bool cleared = false;
        foreach (BufferPool pool in BackendSelector.Active.SelectMany(backend => backend.Pools))
        {
            if (ShouldProcess(pool.Name, "Free idle buffers"))
            {
                pool.Trim();
                cleared = true;
                if (PassThru)
                {
                    WriteObject(pool.Statistics());
                }
            }
        }

        if (cleared)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
