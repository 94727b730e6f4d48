using System.Management.Automation;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Operations;

namespace PhotoFF.Commands;

/// <summary>
/// Join-CudaImage: every image from the pipeline in one grid image, written once the input ends. Each image is reduced
/// to what its cell needs as it arrives (see <see cref="JoinBuilder"/>), so memory is bounded by the grid, not by the
/// inputs; with -DisposeInput each input is disposed as soon as the grid no longer needs it.
/// </summary>
[Cmdlet(VerbsCommon.Join, "CudaImage", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class JoinCudaImageCommand : PhotoFFCommand
{
    private JoinBuilder? builder;

    /// <summary>The images, in grid order; from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public CudaImage[] InputObject { get; set; } = [];

    /// <summary>Columns of the grid; ceil(sqrt(n)) for n images when omitted.</summary>
    [Parameter]
    [ValidateRange(1, Join.MaxColumns)]
    public int Columns { get; set; }

    /// <summary>Pixels between neighbouring cells.</summary>
    [Parameter]
    [ValidateRange(0, Join.MaxSpacing)]
    public int Spacing { get; set; }

    /// <summary>The color of the spacing and of cell areas no image covers.</summary>
    [Parameter]
    [RgbaTransformation]
    [ArgumentCompleter(typeof(RgbaCompleter))]
    public Rgba Background { get; set; } = Rgba.Transparent;

    /// <summary>The width of every cell; the widest image's when omitted.</summary>
    [Parameter]
    [ValidateRange(1, 1 << 20)]
    public int CellWidth { get; set; }

    /// <summary>The height of every cell; the tallest image's when omitted.</summary>
    [Parameter]
    [ValidateRange(1, 1 << 20)]
    public int CellHeight { get; set; }

    /// <summary>How each image is resized into its cell: Fill, Contain (the default when a cell size is given),
    /// Cover or Inside. Without it and without a cell size, images keep their size.</summary>
    [Parameter]
    public ResizeFit Fit { get; set; }

    /// <summary>The filter of the resize into the cell.</summary>
    [Parameter]
    public ResizeInterpolation Interpolation { get; set; } = Resize.DefaultInterpolation;

    /// <summary>Disposes each input image as soon as the grid no longer needs it (its buffer goes back to the pool at once).</summary>
    [Parameter]
    public SwitchParameter DisposeInput { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        builder = new JoinBuilder(new Join(
            MyInvocation.BoundParameters.ContainsKey(nameof(Columns)) ? Columns : null,
            Spacing,
            Background,
            MyInvocation.BoundParameters.ContainsKey(nameof(CellWidth)) ? CellWidth : null,
            MyInvocation.BoundParameters.ContainsKey(nameof(CellHeight)) ? CellHeight : null,
            MyInvocation.BoundParameters.ContainsKey(nameof(Fit)) ? Fit : null,
            Interpolation), DisposeInput);
    }

    protected override void ProcessRecord()
    {
        foreach (CudaImage image in InputObject)
        {
            if (image.IsDisposed)
            {
                WriteItemError(new ObjectDisposedException(nameof(CudaImage), $"The image {image} has been disposed; it is left out of the grid."),
                    "JoinCudaImageDisposedInput", ErrorCategory.InvalidOperation, image);
                continue;
            }

            try
            {
                RunStoppable(() => builder!.Add(image));
            }
            catch (Exception error) when (error is not PipelineStoppedException)
            {
                WriteImageError(error, "JoinCudaImageInputFailed", image);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (builder!.Count == 0)
        {
            WriteError(new ErrorRecord(new InvalidOperationException("Join-CudaImage received no images, so no grid was made."),
                "JoinCudaImageNoInput", ErrorCategory.InvalidArgument, null));
            return;
        }

        CudaImage grid;
        try
        {
            grid = RunStoppable(builder.Build);
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            ThrowTerminatingError(new ErrorRecord(error, "JoinCudaImageFailed", ErrorCategory.InvalidOperation, null));
            return;
        }

        WriteObject(grid);
    }

    /// <summary>Stopped or failed before the grid was made: the reduced copies are freed (and the inputs with
    /// -DisposeInput).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            builder?.Dispose();
        }
    }
}
