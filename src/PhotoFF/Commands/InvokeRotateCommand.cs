using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-Rotate: turns each image clockwise about its centre.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "Rotate", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeRotateCommand : ImageOperationCommand
{
    /// <summary>Degrees, clockwise; negative turns counterclockwise. Multiples of 90 are exact.</summary>
    [Parameter(Position = 0, Mandatory = true)]
    [ValidateRange(-Rotate.MaxAngle, Rotate.MaxAngle)]
    public double Angle { get; set; }

    /// <summary>The colour of the corners that an angle other than a multiple of 90 uncovers; transparent by default.</summary>
    [Parameter]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Background { get; set; } = Rgba.Transparent;

    protected override string ErrorId => "RotateFailed";

    protected override void Apply(CudaImage image) => new Rotate(Angle, Background).Apply(image);
}
