using System.Management.Automation;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>What every PhotoFF cmdlet shares: the one CPU-fallback warning and error records.</summary>
public abstract class PhotoFFCommand : PSCmdlet
{
    protected override void BeginProcessing()
    {
        WritePendingWarning();
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
}
