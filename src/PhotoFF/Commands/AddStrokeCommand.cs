using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Add-Stroke: paints a band of one colour around (or inside) each image's shape, in place.</summary>
[Cmdlet(VerbsCommon.Add, "Stroke", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class AddStrokeCommand : ImageOperationCommand
{
    /// <summary>The stroke's width in pixels.</summary>
    [Parameter(Position = 0, Mandatory = true)]
    [ValidateRange(0.0, Stroke.MaxWidth)]
    public double Width { get; set; }

    /// <summary>The stroke's colour; its alpha makes the stroke translucent.</summary>
    [Parameter(Position = 1)]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Color { get; set; } = Rgba.Black;

    /// <summary>Paint the band inside the shape's edge, over the image, instead of outside it.</summary>
    [Parameter]
    public SwitchParameter Inner { get; set; }

    protected override string ErrorId => "StrokeFailed";

    protected override void Apply(CudaImage image) => new Stroke(Width, Color, Inner).Apply(image);
}
