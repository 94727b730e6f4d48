using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Resize-CudaImage: resizes each image to a width and/or height, or by a scale factor.</summary>
[Cmdlet(VerbsCommon.Resize, "CudaImage", DefaultParameterSetName = SizeSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class ResizeCudaImageCommand : ImageOperationCommand
{
    private const string SizeSet = "Size";
    private const string ScaleSet = "Scale";

    /// <summary>The width in pixels; alone, the height follows the aspect ratio.</summary>
    [Parameter(Position = 0, ParameterSetName = SizeSet)]
    [ValidateRange(1, Resize.MaxDimension)]
    public int Width { get; set; }

    /// <summary>The height in pixels; alone, the width follows the aspect ratio.</summary>
    [Parameter(Position = 1, ParameterSetName = SizeSet)]
    [ValidateRange(1, Resize.MaxDimension)]
    public int Height { get; set; }

    /// <summary>The factor applied to both dimensions.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScaleSet)]
    [ValidateRange(Resize.MinScale, Resize.MaxScale)]
    public double Scale { get; set; }

    /// <summary>How the image meets the box when both width and height are given.</summary>
    [Parameter(ParameterSetName = SizeSet)]
    public ResizeFit Fit { get; set; } = Resize.DefaultFit;

    [Parameter]
    public ResizeInterpolation Interpolation { get; set; } = Resize.DefaultInterpolation;

    /// <summary>The padding color of -Fit Contain; transparent by default.</summary>
    [Parameter(ParameterSetName = SizeSet)]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Background { get; set; } = Rgba.Transparent;

    /// <summary>Never enlarge: an image that would grow is left as it is.</summary>
    [Parameter]
    public SwitchParameter ShrinkOnly { get; set; }

    protected override string ErrorId => "ResizeFailed";

    private Resize definition = null!;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName == ScaleSet)
        {
            definition = Resize.ByScale(Scale, Interpolation, ShrinkOnly);
            return;
        }

        bool hasWidth = MyInvocation.BoundParameters.ContainsKey(nameof(Width));
        bool hasHeight = MyInvocation.BoundParameters.ContainsKey(nameof(Height));
        if (!hasWidth && !hasHeight)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("Give -Width, -Height (the other follows the aspect ratio), both, or -Scale."),
                "ResizeSizeMissing", ErrorCategory.InvalidArgument, null));
        }

        definition = Resize.ToSize(hasWidth ? Width : null, hasHeight ? Height : null, Fit, Interpolation, Background, ShrinkOnly);
    }

    protected override void Apply(CudaImage image) => definition.Apply(image);
}
