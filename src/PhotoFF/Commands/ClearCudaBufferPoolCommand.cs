using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Memory;

namespace PhotoFF.Commands;

/// <summary>Clear-CudaBufferPool: frees every idle buffer; images still alive keep theirs.</summary>
[Cmdlet(VerbsCommon.Clear, "CudaBufferPool", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(BufferPoolStatistics))]
public sealed class ClearCudaBufferPoolCommand : PhotoFFCommand
{
    /// <summary>Writes each pool's statistics after clearing.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        foreach (BufferPool pool in BackendSelector.Active.SelectMany(backend => backend.Pools))
        {
            if (ShouldProcess(pool.Name, "Free idle buffers"))
            {
                pool.Trim();
                if (PassThru)
                {
                    WriteObject(pool.Statistics());
                }
            }
        }
    }
}
