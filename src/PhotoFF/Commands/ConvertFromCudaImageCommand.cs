using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>ConvertFrom-CudaImage: each image's pixels as bytes in memory, raw RGBA (-Raw). The images are not
/// disposed.</summary>
[Cmdlet(VerbsData.ConvertFrom, "CudaImage", DefaultParameterSetName = RawSet)]
[OutputType(typeof(byte[]))]
public sealed class ConvertFromCudaImageCommand : PhotoFFCommand
{
    private const string RawSet = "Raw";

    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    /// <summary>Writes raw pixels: RGBA, 8 bits per channel, straight alpha, rows packed (4 x Width bytes each).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RawSet)]
    public SwitchParameter Raw { get; set; }

    protected override void ProcessRecord()
    {
        byte[] bytes;
        try
        {
            bytes = InputObject.ToArray();
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteItemError(error, "ConvertFromCudaImageFailed", error is ObjectDisposedException ? ErrorCategory.InvalidOperation : ErrorCategory.ReadError, InputObject);
            return;
        }

        // One array per image, not one object per byte.
        WriteObject(bytes, enumerateCollection: false);
    }
}
