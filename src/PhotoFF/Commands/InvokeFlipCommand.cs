using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-Flip: mirrors each image left-right, top-bottom, or both, in place.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "Flip", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeFlipCommand : ImageOperationCommand
{
    /// <summary>Mirror left-right: the first column becomes the last.</summary>
    [Parameter]
    public SwitchParameter Horizontal { get; set; }

    /// <summary>Mirror top-bottom: the first row becomes the last.</summary>
    [Parameter]
    public SwitchParameter Vertical { get; set; }

    protected override string ErrorId => "FlipFailed";

    protected override void BeginProcessing()
    {
        // Neither switch is refused here, before the pipeline produces (or imports) its first image.
        if (!Horizontal && !Vertical)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Invoke-Flip needs -Horizontal, -Vertical or both."),
                "FlipDirectionMissing", ErrorCategory.InvalidArgument, null));
        }

        base.BeginProcessing();
    }

    protected override void Apply(CudaImage image) => new Flip(Horizontal, Vertical).Apply(image);
}
