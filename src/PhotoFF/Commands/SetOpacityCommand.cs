using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Set-Opacity: multiplies each pixel's alpha by a factor, in place.</summary>
[Cmdlet(VerbsCommon.Set, "Opacity", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class SetOpacityCommand : ImageOperationCommand
{
    /// <summary>The factor on alpha: 0 transparent, 1 unchanged.</summary>
    [Parameter(Position = 0, Mandatory = true)]
    [ValidateRange(0.0, 1.0)]
    public double Opacity { get; set; }

    protected override string ErrorId => "OpacityFailed";

    protected override void Apply(CudaImage image) => new Opacity(Opacity).Apply(image);
}
