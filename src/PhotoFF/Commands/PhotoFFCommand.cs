using System.Management.Automation;
using PhotoFF.Backends;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>What every PhotoFF cmdlet shares: the one CPU-fallback warning, error records, and a stop token that
/// Ctrl+C (StopProcessing) cancels, so that long pixel work, waits on the GPU and queued file work end promptly.</summary>
public abstract class PhotoFFCommand : PSCmdlet, IDisposable
{
    // Not disposed: StopProcessing may run on another thread while PowerShell disposes the command, and a source
    // without timers or a wait handle holds nothing that needs it.
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Cancelled when the pipeline is stopped (Ctrl+C, PowerShell.Stop), from another thread.</summary>
    protected CancellationToken StopToken => stopping.Token;

    protected override void BeginProcessing()
    {
        WritePendingWarning();
    }

    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Runs <paramref name="work"/> so that a stop ends it: the backends see <see cref="StopToken"/>, and a
    /// cancellation comes out as the <see cref="PipelineStoppedException"/> PowerShell expects of a stopped command.</summary>
    protected void RunStoppable(Action work)
    {
        try
        {
            using (OperationCancellation.Enter(StopToken))
            {
                work();
            }
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <inheritdoc cref="RunStoppable(Action)"/>
    protected T RunStoppable<T>(Func<T> work)
    {
        T result = default!;
        RunStoppable(() => { result = work(); });
        return result;
    }

    /// <summary>Writes the backend selector's one fallback warning, if it has not been written yet.</summary>
    protected void WritePendingWarning()
    {
        string? warning = BackendSelector.TakeWarning();
        if (warning is not null)
        {
            WriteWarning(warning);
        }
    }

    /// <summary>The backend for new images: <paramref name="device"/>, or the default choice; the warning, if any, is written.</summary>
    private protected Backends.IImageBackend SelectBackend(int? device)
    {
        try
        {
            return BackendSelector.ForDevice(device);
        }
        finally
        {
            WritePendingWarning();
        }
    }

    protected void WriteItemError(Exception error, string errorId, ErrorCategory category, object? target) =>
        WriteError(new ErrorRecord(error, errorId, category, target));

    /// <summary>A failure on one image: a disposed image is an invalid operation, anything else
    /// <paramref name="otherwise"/>.</summary>
    protected void WriteImageError(Exception error, string errorId, CudaImage image, ErrorCategory otherwise = ErrorCategory.InvalidResult) =>
        WriteItemError(error, errorId, error is ObjectDisposedException ? ErrorCategory.InvalidOperation : otherwise, image);

    /// <summary>Called by PowerShell when the command is done, stopped or failed: after EndProcessing, or instead of it
    /// when the pipeline stopped early (Ctrl+C, a terminating error elsewhere, Select-Object -First).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the command holds; commands with background work override it.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
