using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>New-CudaImage: a blank image of a given size and color.</summary>
[Cmdlet(VerbsCommon.New, "CudaImage", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class NewCudaImageCommand : PhotoFFCommand
{
    [Parameter(Position = 0, Mandatory = true)]
    [ValidateRange(1, 1 << 20)]
    public int Width { get; set; }

    [Parameter(Position = 1, Mandatory = true)]
    [ValidateRange(1, 1 << 20)]
    public int Height { get; set; }

    /// <summary>The fill color; transparent by default.</summary>
    [Parameter(Position = 2)]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    [PSDefaultValue(Help = "Transparent")]
    public Rgba Color { get; set; } = Rgba.Transparent;

    /// <summary>The CUDA device ordinal; the default backend when omitted.</summary>
    [Parameter]
    [ValidateRange(0, 63)]
    [PSDefaultValue(Help = "The default backend")]
    public int Device { get; set; } = -1;

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(CudaImage.Create(Width, Height, Color, SelectBackend(Device < 0 ? null : Device)));
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            ThrowTerminatingError(new ErrorRecord(error, "NewCudaImageFailed", ErrorCategory.InvalidOperation, null));
        }
    }
}
