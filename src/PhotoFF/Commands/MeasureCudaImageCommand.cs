using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Measure-CudaImage: per-channel minimum, maximum, mean and standard deviation of each image, optionally
/// with histograms. The images are not changed and not written on.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "CudaImage", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(ImageStatistics))]
public sealed class MeasureCudaImageCommand : PhotoFFCommand
{
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    /// <summary>Adds each channel's 256-bin histogram to the result.</summary>
    [Parameter]
    public SwitchParameter Histogram { get; set; }

    protected override void ProcessRecord()
    {
        ImageStatistics statistics;
        try
        {
            statistics = RunStoppable(() => InputObject.Measure(Histogram.IsPresent));
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteImageError(error, "MeasureCudaImageFailed", InputObject);
            return;
        }

        WriteObject(statistics);
    }
}
