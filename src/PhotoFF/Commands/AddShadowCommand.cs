using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Add-Shadow: adds a drop shadow under (or an inner shadow inside) each image's shape, in place.</summary>
[Cmdlet(VerbsCommon.Add, "Shadow", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class AddShadowCommand : ImageOperationCommand
{
    /// <summary>How far the shadow fades out from the shape's edge, in pixels.</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0.0, Shadow.MaxRadius)]
    public double Radius { get; set; } = Shadow.DefaultRadius;

    /// <summary>The shadow's strength, 0 to 1: its alpha is Intensity times the colour's alpha.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Intensity { get; set; } = Shadow.DefaultIntensity;

    /// <summary>The shadow's colour.</summary>
    [Parameter]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Color { get; set; } = Rgba.Black;

    /// <summary>How far the shadow moves right (negative: left), in pixels.</summary>
    [Parameter]
    [ValidateRange(-Shadow.MaxOffset, Shadow.MaxOffset)]
    public int OffsetX { get; set; }

    /// <summary>How far the shadow moves down (negative: up), in pixels.</summary>
    [Parameter]
    [ValidateRange(-Shadow.MaxOffset, Shadow.MaxOffset)]
    public int OffsetY { get; set; }

    /// <summary>Cast the shadow inside the shape's edge, over the image, instead of under it.</summary>
    [Parameter]
    public SwitchParameter Inner { get; set; }

    protected override string ErrorId => "ShadowFailed";

    protected override void Apply(CudaImage image) => new Shadow(Radius, Intensity, Color, OffsetX, OffsetY, Inner).Apply(image);
}
