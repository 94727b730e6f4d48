using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-Sharpen: sharpens each image with an unsharp mask, in place.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "Sharpen", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeSharpenCommand : ImageOperationCommand
{
    /// <summary>The radius of the blur the image is compared with; sigma is half of it.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0.0, GaussianBlur.MaxSigma / GaussianBlur.SigmaPerRadius)]
    public double Radius { get; set; } = Sharpen.DefaultRadius;

    /// <summary>How much of the difference from the blur is added: 1 doubles it.</summary>
    [Parameter(Position = 1)]
    [ValidateRange(0.0, Sharpen.MaxAmount)]
    public double Amount { get; set; } = Sharpen.DefaultAmount;

    /// <summary>Channels that differ from the blur by this much or less are left alone (0 to 255).</summary>
    [Parameter]
    [ValidateRange(0, 255)]
    public int Threshold { get; set; }

    protected override string ErrorId => "SharpenFailed";

    protected override void Apply(CudaImage image) => new Sharpen(Radius, Amount, Threshold).Apply(image);
}
