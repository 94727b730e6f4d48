using System.Management.Automation;
using PhotoFF.Backends;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>
/// A cmdlet that changes each image from the pipeline in place and writes the same object on. A failure on one image
/// is a non-terminating error; the rest of the pipeline goes on.
/// </summary>
/// <remarks>
/// Images on the CPU backend (up to <see cref="BackgroundBytes"/>) are worked on in the background,
/// <see cref="CpuImagesAtOnce"/> at a time, and written on in the order they came: each operation runs on every core,
/// but not all the time (its start and its last rows, and the pipeline's own work between images), so the next image's
/// operation fills the gaps, as the next decode and the last encode do beside them. A CUDA backend queues its work
/// without waiting already. Errors still come from this cmdlet, in order, naming their image.
/// </remarks>
public abstract class ImageOperationCommand : PhotoFFCommand
{
    /// <summary>CPU images in the background at once: one working and one starting as it ends. Also how many this
    /// cmdlet holds, done or not, before it waits for the oldest: one more than it held working in the foreground.</summary>
    private const int CpuImagesAtOnce = 2;

    /// <summary>The largest image worked on in the background (64 MiB of pixels, 16 megapixels): the overlap matters for
    /// the many operations of a batch of photos, and an image larger than this costs more memory held than the overlap
    /// saves time, so the memory bounds stay those of one image at a time (a decompression bomb waits its turn).</summary>
    private const long BackgroundBytes = 64L << 20;

    private readonly Queue<CudaImage> queued = new();
    private OrderedWorkQueue<bool>? background;

    /// <summary>The image to change; from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    /// <summary>The error id for a failure of this operation, such as "GaussianBlurFailed".</summary>
    protected abstract string ErrorId { get; }

    /// <summary>Whether CPU images may be worked on in the background (see the remarks): false for an operation that
    /// reads another image as well (an overlay, a key), which could be one this pipeline is changing.</summary>
    protected virtual bool WorksInBackground => true;

    /// <summary>Applies the operation's definition to the image (through <see cref="ImageOperations"/>, which reports
    /// a CUDA fault). Reads only the cmdlet's parameters, which do not change while the pipeline runs.</summary>
    protected abstract void Apply(CudaImage image);

    protected override void ProcessRecord()
    {
        CudaImage image = InputObject;
        if (!WorksInBackground || image.IsDisposed || image.BackendKind != BackendKind.Cpu || image.ByteCount > BackgroundBytes)
        {
            WriteFinished(until: null);
            ApplyNow(image);
            return;
        }

        // The same image twice: its earlier turn ends first.
        if (queued.Any(other => ReferenceEquals(other, image)))
        {
            WriteFinished(until: image);
        }

        background ??= new OrderedWorkQueue<bool>(CpuImagesAtOnce, pendingLimit: CpuImagesAtOnce);
        queued.Enqueue(image);
        background.Enqueue(string.Empty, cancellation =>
        {
            using (OperationCancellation.Enter(cancellation))
            {
                ImageOperations.Apply(image, Apply);
                return true;
            }
        });
        WriteFinished(until: null, wait: false);
    }

    protected override void EndProcessing() => WriteFinished(until: null);

    protected override void StopProcessing()
    {
        base.StopProcessing();
        background?.Cancel();
    }

    /// <summary>The pipeline ended early (a stop, an error elsewhere, Select-Object -First): the work in the background is
    /// cancelled and waited for, so that no image is still being changed once the pipeline is over.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && background is not null)
        {
            background.Cancel();
            while (background.TryDequeueCompleted(wait: true, CancellationToken.None, out _, out _, out _))
            {
                queued.Dequeue();
            }

            background.Dispose();
            background = null;
        }

        base.Dispose(disposing);
    }

    private void ApplyNow(CudaImage image)
    {
        try
        {
            RunStoppable(() => ImageOperations.Apply(image, Apply));
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteFailure(error, image);
            return;
        }

        WriteObject(image);
    }

    /// <summary>Writes on the background images that are done, in order: all of them (waiting) by default, those up to
    /// and including <paramref name="until"/>, or with <paramref name="wait"/> false only what has finished (and the
    /// oldest when too many are queued).</summary>
    private void WriteFinished(CudaImage? until, bool wait = true)
    {
        while (background is not null && queued.Count > 0)
        {
            CudaImage image = queued.Peek();
            bool done;
            Exception? error;
            try
            {
                done = background.TryDequeueCompleted(wait, StopToken, out _, out _, out error);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (!done)
            {
                return;
            }

            queued.Dequeue();
            if (error is OperationCanceledException && StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (error is null)
            {
                WriteObject(image);
            }
            else
            {
                WriteFailure(error, image);
            }

            if (ReferenceEquals(image, until))
            {
                return;
            }
        }
    }

    private void WriteFailure(Exception error, CudaImage image)
    {
        if (error is ImageOperationException refused)
        {
            // Refused for this image (its size, say) before any work: the image is unchanged and not written on.
            WriteItemError(error, refused.ErrorId, ErrorCategory.InvalidArgument, image);
            return;
        }

        WriteImageError(error, ErrorId, image);
    }
}
