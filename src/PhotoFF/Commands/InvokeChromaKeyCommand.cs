using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-ChromaKey: makes pixels transparent by a channel of a key image (PhotoFF's mode) or by closeness
/// to a color (green screen), in place.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ChromaKey", DefaultParameterSetName = KeyImageSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeChromaKeyCommand : ImageOperationCommand
{
    private const string KeyImageSet = "KeyImage";
    private const string ColorSet = "Color";

    /// <summary>The image whose channel decides which pixels are keyed out; same size and device as the input.</summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyImageSet)]
    [ValidateNotNull]
    public CudaImage KeyImage { get; set; } = null!;

    /// <summary>The key image's channel that is compared with the threshold.</summary>
    [Parameter(ParameterSetName = KeyImageSet)]
    public ColorChannel Channel { get; set; } = ChromaKey.DefaultChannel;

    /// <summary>Pixels whose key channel is above this are keyed out (at or below it with -Invert).</summary>
    [Parameter(ParameterSetName = KeyImageSet)]
    [ValidateRange(0, 255)]
    public int Threshold { get; set; } = ChromaKey.DefaultThreshold;

    [Parameter(ParameterSetName = KeyImageSet)]
    public SwitchParameter Invert { get; set; }

    /// <summary>Keyed-out pixels become 0 in all four channels instead of only in alpha.</summary>
    [Parameter(ParameterSetName = KeyImageSet)]
    public SwitchParameter ZeroAllChannels { get; set; }

    /// <summary>The background color to remove.</summary>
    [Parameter(Position = 0, Mandatory = true, ParameterSetName = ColorSet)]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Color { get; set; }

    /// <summary>Normalized RGB distance (0..1) within which pixels become fully transparent.</summary>
    [Parameter(Position = 1, Mandatory = true, ParameterSetName = ColorSet)]
    [ValidateRange(0.0, 1.0)]
    public double Tolerance { get; set; }

    /// <summary>Width of the soft edge beyond the tolerance, normalized like it.</summary>
    [Parameter(ParameterSetName = ColorSet)]
    [ValidateRange(0.0, 1.0)]
    public double Softness { get; set; } = ColorKey.DefaultSoftness;

    /// <summary>Takes the key color's cast off the pixels that stay.</summary>
    [Parameter(ParameterSetName = ColorSet)]
    public SwitchParameter SuppressSpill { get; set; }

    /// <summary>Not in the background with -KeyImage: the key may be an image this pipeline is changing too.</summary>
    protected override bool WorksInBackground => ParameterSetName != KeyImageSet;

    protected override string ErrorId => "ChromaKeyFailed";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == KeyImageSet && InputObject is not null && ChromaKey.Incompatibility(InputObject, KeyImage) is { } problem)
        {
            WriteItemError(problem, "KeyImageMismatch", ErrorCategory.InvalidArgument, InputObject);
            return;
        }

        base.ProcessRecord();
    }

    protected override void Apply(CudaImage image)
    {
        if (ParameterSetName == ColorSet)
        {
            new ColorKey(Color, Tolerance, Softness, SuppressSpill).Apply(image);
        }
        else
        {
            new ChromaKey(KeyImage, Channel, Threshold, Invert, ZeroAllChannels).Apply(image);
        }
    }
}
