using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Add-CornerRadius: makes the corners transparent along an anti-aliased arc.</summary>
[Cmdlet(VerbsCommon.Add, "CornerRadius", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class AddCornerRadiusCommand : ImageOperationCommand
{
    /// <summary>The corner radius in pixels; limited to half the shorter side.</summary>
    [Parameter(Position = 0, Mandatory = true)]
    [ValidateRange(0.0, 1_000_000.0)]
    public double Radius { get; set; }

    protected override string ErrorId => "CornerRadiusFailed";

    protected override void Apply(CudaImage image) => new CornerRadius(Radius).Apply(image);
}
