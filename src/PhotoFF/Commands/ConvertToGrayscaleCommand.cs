using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>ConvertTo-Grayscale: replaces each pixel's color with its luma, in place.</summary>
[Cmdlet(VerbsData.ConvertTo, "Grayscale", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class ConvertToGrayscaleCommand : ImageOperationCommand
{
    protected override string ErrorId => "GrayscaleFailed";

    protected override void Apply(CudaImage image) => new Grayscale().Apply(image);
}
