using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Remove-CudaImage: disposes images now, returning their buffers to the pool.</summary>
[Cmdlet(VerbsCommon.Remove, "CudaImage")]
[OutputType(typeof(void))]
public sealed class RemoveCudaImageCommand : PhotoFFCommand
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [AllowNull]
    public CudaImage?[] InputObject { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (CudaImage? image in InputObject)
        {
            image?.Dispose();
        }
    }
}
