using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>Invoke-Crop: cuts each image to a rectangle, or takes margins off its sides.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "Crop", DefaultParameterSetName = RectangleSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class InvokeCropCommand : ImageOperationCommand
{
    private const string RectangleSet = "Rectangle";
    private const string MarginSet = "Margin";

    /// <summary>The rectangle's left edge; negative or past the image reaches outside it.</summary>
    [Parameter(Position = 0, ParameterSetName = RectangleSet)]
    [ValidateRange(-Crop.MaxExtent, Crop.MaxExtent)]
    public int X { get; set; }

    /// <summary>The rectangle's top edge.</summary>
    [Parameter(Position = 1, ParameterSetName = RectangleSet)]
    [ValidateRange(-Crop.MaxExtent, Crop.MaxExtent)]
    public int Y { get; set; }

    [Parameter(Position = 2, Mandatory = true, ParameterSetName = RectangleSet)]
    [ValidateRange(1, Crop.MaxExtent)]
    public int Width { get; set; }

    [Parameter(Position = 3, Mandatory = true, ParameterSetName = RectangleSet)]
    [ValidateRange(1, Crop.MaxExtent)]
    public int Height { get; set; }

    /// <summary>Refuse a rectangle not wholly inside the image, instead of filling the outside with transparency.</summary>
    [Parameter(ParameterSetName = RectangleSet)]
    public SwitchParameter Strict { get; set; }

    /// <summary>Margins as in CSS: all sides; vertical, horizontal; or top, right, bottom, left.</summary>
    [Parameter(Mandatory = true, ParameterSetName = MarginSet)]
    [ValidateMargins]
    public int[] Margin { get; set; } = [];

    protected override string ErrorId => "CropFailed";

    private Crop definition = null!;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            definition = ParameterSetName == MarginSet ? Crop.FromMargins(Margin) : Crop.Rectangle(X, Y, Width, Height, Strict);
        }
        catch (ArgumentException error)
        {
            ThrowTerminatingError(new ErrorRecord(error, "InvalidCropArguments", ErrorCategory.InvalidArgument, null));
        }
    }

    protected override void Apply(CudaImage image) => definition.Apply(image);

    /// <summary>Refuses margins that are not 1, 2 or 4 values of 0 or more, at binding.</summary>
    private sealed class ValidateMarginsAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            int[] margins = LanguagePrimitives.ConvertTo<int[]>(arguments);
            if (Crop.MarginProblem(margins) is string problem)
            {
                throw new ValidationMetadataException(problem);
            }
        }
    }
}
