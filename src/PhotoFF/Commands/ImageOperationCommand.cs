using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>
/// A cmdlet that changes each image from the pipeline in place and writes the same object on. A failure on one image
/// is a non-terminating error; the rest of the pipeline goes on.
/// </summary>
public abstract class ImageOperationCommand : PhotoFFCommand
{
    /// <summary>The image to change; from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    /// <summary>The error id for a failure of this operation, such as "GaussianBlurFailed".</summary>
    protected abstract string ErrorId { get; }

    /// <summary>Applies the operation's definition to the image (through <see cref="ImageOperations"/>, which reports
    /// a CUDA fault).</summary>
    protected abstract void Apply(CudaImage image);

    protected override void ProcessRecord()
    {
        try
        {
            RunStoppable(() => ImageOperations.Apply(InputObject, Apply));
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            if (error is ImageOperationException refused)
            {
                // Refused for this image (its size, say) before any work: the image is unchanged and not written on.
                WriteItemError(error, refused.ErrorId, ErrorCategory.InvalidArgument, InputObject);
                return;
            }

            WriteImageError(error, ErrorId, InputObject);
            return;
        }

        WriteObject(InputObject);
    }
}
