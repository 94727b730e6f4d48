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

    /// <summary>The CUDA device for the new image: an ordinal, or All for the device with the least work queued; PHOTOFF_DEVICE's
    /// choice, or device 0, when omitted.</summary>
    [Parameter]
    [DeviceChoiceTransformation]
    [ArgumentCompleter(typeof(DeviceCompleter))]
    [PSDefaultValue(Help = "PHOTOFF_DEVICE, or device 0")]
    public DeviceChoice? Device { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(CreateOn(Device, backend => CudaImage.Create(Width, Height, Color, backend)));
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            ThrowTerminatingError(new ErrorRecord(error, "NewCudaImageFailed", ErrorCategory.InvalidOperation, null));
        }
    }
}
