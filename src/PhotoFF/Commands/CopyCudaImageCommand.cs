using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Copy-CudaImage: a copy of each image with its own buffer, so that the original can be kept unchanged.</summary>
[Cmdlet(VerbsCommon.Copy, "CudaImage", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class CopyCudaImageCommand : PhotoFFCommand
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(InputObject.Clone());
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteItemError(error, "CopyCudaImageFailed", ErrorCategory.InvalidOperation, InputObject);
        }
    }
}
