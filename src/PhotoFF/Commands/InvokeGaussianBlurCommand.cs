using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-GaussianBlur: blurs each image, in place.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "GaussianBlur", DefaultParameterSetName = RadiusSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeGaussianBlurCommand : ImageOperationCommand
{
    private const string RadiusSet = "Radius";
    private const string SigmaSet = "Sigma";

    /// <summary>The blur radius in pixels; sigma is half of it and the kernel reaches 3 sigma.</summary>
    [Parameter(Position = 0, Mandatory = true, ParameterSetName = RadiusSet)]
    [ValidateRange(0.0, GaussianBlur.MaxSigma / GaussianBlur.SigmaPerRadius)]
    public double Radius { get; set; }

    /// <summary>The standard deviation of the Gaussian, in pixels.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SigmaSet)]
    [ValidateRange(0.0, GaussianBlur.MaxSigma)]
    public double Sigma { get; set; }

    protected override string ErrorId => "GaussianBlurFailed";

    protected override void Apply(CudaImage image)
    {
        GaussianBlur blur = ParameterSetName == SigmaSet ? new GaussianBlur(Sigma) : GaussianBlur.FromRadius(Radius);
        blur.Apply(image);
    }
}
