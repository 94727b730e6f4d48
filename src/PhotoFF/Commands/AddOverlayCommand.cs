using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Add-Overlay: composites an image (a logo, a watermark) over each image from the pipeline, in place.</summary>
[Cmdlet(VerbsCommon.Add, "Overlay", DefaultParameterSetName = PositionSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class AddOverlayCommand : ImageOperationCommand
{
    private const string PositionSet = "Position";
    private const string AlignSet = "Align";

    /// <summary>The image laid on top; on the same backend as the pipeline's images; not changed or disposed.</summary>
    [Parameter(Position = 0, Mandatory = true)]
    [ValidateNotNull]
    public CudaImage Image { get; set; } = null!;

    /// <summary>The overlay's left edge in pixels from the image's left edge; may be negative or beyond the image.</summary>
    [Parameter(ParameterSetName = PositionSet)]
    public int X { get; set; }

    /// <summary>The overlay's top edge in pixels from the image's top edge; may be negative or beyond the image.</summary>
    [Parameter(ParameterSetName = PositionSet)]
    public int Y { get; set; }

    /// <summary>The anchor of the image the overlay is aligned to.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AlignSet)]
    public Anchor Align { get; set; }

    /// <summary>Pixels to move the aligned overlay to the right (negative: left).</summary>
    [Parameter(ParameterSetName = AlignSet)]
    public int OffsetX { get; set; }

    /// <summary>Pixels to move the aligned overlay down (negative: up).</summary>
    [Parameter(ParameterSetName = AlignSet)]
    public int OffsetY { get; set; }

    /// <summary>Multiplies the overlay's alpha: 0 (invisible) to 1 (as it is, the default).</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Opacity { get; set; } = 1.0;

    /// <summary>Not in the background: the overlay may be an image this pipeline is changing too.</summary>
    protected override bool WorksInBackground => false;

    protected override string ErrorId => "OverlayFailed";

    protected override void Apply(CudaImage image)
    {
        Overlay overlay = ParameterSetName == AlignSet
            ? new Overlay(Image, OffsetX, OffsetY, Opacity, Align)
            : new Overlay(Image, X, Y, Opacity);
        overlay.Apply(image);
    }
}
