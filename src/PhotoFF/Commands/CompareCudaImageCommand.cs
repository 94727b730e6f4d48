using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Compare-CudaImage: how far each image from the pipeline is from a reference of the same size; what
/// tests assert on. With -DifferenceImage the result carries an image of |a - b|.</summary>
[Cmdlet(VerbsData.Compare, "CudaImage", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(ImageComparison))]
public sealed class CompareCudaImageCommand : PhotoFFCommand
{
    /// <summary>The expected image.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public CudaImage ReferenceImage { get; set; } = null!;

    /// <summary>The image under test; from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 1)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    /// <summary>Attaches a new image of |a - b| per channel (alpha 255) as the result's DifferenceImage.</summary>
    [Parameter]
    public SwitchParameter DifferenceImage { get; set; }

    protected override void ProcessRecord()
    {
        ImageComparison comparison;
        try
        {
            comparison = RunStoppable(() => InputObject.Compare(ReferenceImage, DifferenceImage.IsPresent));
        }
        catch (ImageSizeMismatchException error)
        {
            WriteItemError(error, "CompareCudaImageSizeMismatch", ErrorCategory.InvalidArgument, InputObject);
            return;
        }
        catch (ImageOperationException refused)
        {
            WriteItemError(refused, refused.ErrorId, ErrorCategory.InvalidArgument, InputObject);
            return;
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteImageError(error, "CompareCudaImageFailed", InputObject);
            return;
        }

        WriteObject(comparison);
    }
}
