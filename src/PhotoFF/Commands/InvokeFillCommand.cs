using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-Fill: overwrites each image with a solid colour or a gradient, in place.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "Fill", DefaultParameterSetName = ColorSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeFillCommand : ImageOperationCommand
{
    private const string ColorSet = "Color";
    private const string GradientSet = "Gradient";

    /// <summary>The colour every pixel becomes.</summary>
    [Parameter(Position = 0, Mandatory = true, ParameterSetName = ColorSet)]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Color { get; set; }

    /// <summary>Fill with a gradient from -From to -To instead of one colour.</summary>
    [Parameter(Mandatory = true, ParameterSetName = GradientSet)]
    public SwitchParameter Gradient { get; set; }

    /// <summary>The gradient's first colour: at the left, top, top-left corner or centre.</summary>
    [Parameter(Mandatory = true, ParameterSetName = GradientSet)]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba From { get; set; }

    /// <summary>The gradient's last colour: at the right, bottom, bottom-right corner or the corners.</summary>
    [Parameter(Mandatory = true, ParameterSetName = GradientSet)]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba To { get; set; }

    /// <summary>How the gradient runs; Horizontal by default.</summary>
    [Parameter(ParameterSetName = GradientSet)]
    public GradientDirection Direction { get; set; } = GradientDirection.Horizontal;

    /// <summary>From, To and back to From, so that the image tiles without a seam.</summary>
    [Parameter(ParameterSetName = GradientSet)]
    public SwitchParameter Seamless { get; set; }

    protected override string ErrorId => "FillFailed";

    protected override void Apply(CudaImage image)
    {
        if (ParameterSetName == GradientSet)
        {
            new FillGradient(From, To, Direction, Seamless).Apply(image);
        }
        else
        {
            new FillColor(Color).Apply(image);
        }
    }
}
