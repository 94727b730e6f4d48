using System.Management.Automation;
using PhotoFF.Backends;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Commands;

/// <summary>
/// Export-CudaImage: encodes images to files. The pipeline thread only hands each image's pixels to the background (the
/// image's buffer, or a device copy with -PassThru); downloading, encoding (JPEG on the GPU where nvJPEG is) and writing
/// run there, and every write has finished, its errors reported, before the command returns. Each file is written to a
/// temporary name in its folder and renamed, so a destination holds either its old content or the complete new file.
/// Images are disposed after export unless -PassThru.
/// </summary>
/// <remarks>
/// Every image the command receives is written completely or named in an error, also when the pipeline stops early.
/// After a terminating error elsewhere, or Select-Object -First downstream, PowerShell skips EndProcessing and only
/// disposes the command: the writes still queued are finished then. After Ctrl+C the writes not yet started, and the
/// downloads still waiting for the GPU, are cancelled (the user asked to stop) and named; a file being encoded or written
/// finishes, so none is left half-written.
/// </remarks>
[Cmdlet(VerbsData.Export, "CudaImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class ExportCudaImageCommand : PhotoFFCommand
{
    private OrderedWorkQueue<Timed<WrittenFile>>? queue;
    private BatchReporter? reporter;
    private readonly HashSet<string> destinations = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private ExportTarget? target;
    private int unnamed;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CudaImage InputObject { get; set; } = null!;

    /// <summary>A folder (files are named after their sources) or, for one image, a file.</summary>
    [Parameter(Position = 0, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>The file format; by default from the destination's extension, or the source's in folder mode.</summary>
    [Parameter]
    public ImageFormat? Format { get; set; }

    /// <summary>Quality for lossy formats, 1 to 100.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int? Quality { get; set; }

    /// <summary>Refuse to replace an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Allow writing over the image's own source file, and over read-only files (which stay read-only).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the image on instead of disposing it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Keep the source's EXIF, XMP and ICC metadata (the EXIF orientation then says 1). Stripped by default.</summary>
    [Parameter]
    public SwitchParameter KeepMetadata { get; set; }

    /// <summary>With -KeepMetadata: the parts to leave out (Gps, Camera, Xmp, Icc, Thumbnail).</summary>
    [Parameter]
    [ValidateNotNull]
    public MetadataGroup[] ExcludeMetadata { get; set; } = [];

    /// <summary>How many files are encoded at once.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    [PSDefaultValue(Help = "The number of processors")]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        KeptMetadata.Validate(this, KeepMetadata, ExcludeMetadata);
        string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination, out ProviderInfo provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{Destination}' is not a file system path."), "NotFileSystemPath", ErrorCategory.InvalidArgument, Destination));
        }

        try
        {
            target = ExportTarget.Resolve(resolved, Format);
        }
        catch (ArgumentException error)
        {
            ThrowTerminatingError(new ErrorRecord(error, "UnknownImageFormat", ErrorCategory.InvalidArgument, Destination));
        }
        catch (DestinationIsFileException error)
        {
            ThrowTerminatingError(new ErrorRecord(error, "DestinationIsFile", ErrorCategory.InvalidArgument, Destination));
        }

        queue = new OrderedWorkQueue<Timed<WrittenFile>>(ThrottleLimit);
        reporter = new BatchReporter(this, 2, "Exporting images", "images");
    }

    protected override void ProcessRecord()
    {
        CudaImage image = InputObject;
        string path = target!.PathFor(image, ref unnamed);
        if (!Check(image, path, out bool replacesReadOnly))
        {
            return;
        }

        if (!ShouldProcess(path, "Export image"))
        {
            return;
        }

        destinations.Add(path);
        try
        {
            target.EnsureFolder(path);
            if (image.ByteCount > int.MaxValue)
            {
                throw new CodecException(CodecErrorKind.TooLarge, path,
                    $"a {image.Width}x{image.Height} image has {image.ByteCount} bytes of pixels, more than the encoder takes at once ({int.MaxValue}); crop or resize it first");
            }

            EncodeOptions options = new() { Format = target.FormatFor(path), Quality = Quality, KeepMetadata = KeepMetadata };
            ImageMetadata metadata = KeptMetadata.Select(image, KeepMetadata, ExcludeMetadata, note => WriteWarning($"{path}: {note}"));
            bool overwrite = !NoClobber;
            PendingExport export = PendingExport.Take(image, keepImage: PassThru);
            queue!.Enqueue(path, cancellation => Timed.Run(() =>
            {
                // Ctrl+C ends a download still waiting for the GPU; nothing is written then, and Dispose names the file.
                using (export)
                using (OperationCancellation.Enter(cancellation))
                {
                    Write(export, path, options, metadata, overwrite, replacesReadOnly);
                    return new WrittenFile(BatchReporter.LengthOf(path), export.Width, export.Height, options.Format);
                }
            }), export.Dispose);
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            WriteError(CodecErrors.Record(error, path));
            return;
        }
        finally
        {
            if (!PassThru)
            {
                image.Dispose();
            }
        }

        if (PassThru)
        {
            WriteObject(image);
        }

        ReportFinished(wait: false);
    }

    protected override void EndProcessing()
    {
        ReportFinished(wait: true);
        reporter!.Complete("exported");
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        queue?.Cancel();
    }

    /// <summary>
    /// The pipeline stopped before EndProcessing: finishes the writes still queued (Ctrl+C cancelled the ones not
    /// started) and names every image that was not written. PowerShell no longer takes errors from a stopped pipeline,
    /// so what it refuses goes to the host's error output instead.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (!disposing || queue is null)
        {
            return;
        }

        while (queue.TryDequeueCompleted(wait: true, CancellationToken.None, out string path, out _, out Exception? error))
        {
            if (error is OperationCanceledException)
            {
                Report(new ErrorRecord(new OperationCanceledException($"'{path}' was not written: the pipeline was stopped first.", error),
                    "ExportStopped", ErrorCategory.OperationStopped, path));
            }
            else if (error is not null)
            {
                Report(Failure(error, path));
            }
        }

        queue = null;
    }

    private void Report(ErrorRecord record)
    {
        try
        {
            WriteError(record);
        }
        catch (Exception refused) when (refused is PipelineStoppedException or InvalidOperationException or ActionPreferenceStopException)
        {
            Host?.UI?.WriteErrorLine($"Export-CudaImage: {record.Exception.Message}");
        }
    }

    /// <summary>Writes the file; a read-only file is replaced only with -Force (as Out-File does) and stays read-only.</summary>
    private static void Write(PendingExport export, string path, EncodeOptions options, ImageMetadata metadata, bool overwrite, bool replacesReadOnly)
    {
        if (!replacesReadOnly)
        {
            export.WriteFile(path, options, metadata, overwrite);
            return;
        }

        // Windows refuses to rename over a read-only file; the new file gets the attribute back either way.
        File.SetAttributes(path, File.GetAttributes(path) & ~FileAttributes.ReadOnly);
        try
        {
            export.WriteFile(path, options, metadata, overwrite);
        }
        finally
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
    }

    private bool Check(CudaImage image, string path, out bool replacesReadOnly)
    {
        replacesReadOnly = false;
        if (destinations.Contains(path))
        {
            WriteError(new ErrorRecord(
                new IOException($"'{path}' was already written by this command from another image ({image.SourcePath ?? "no source"}); it is not overwritten. Export to a file per image or rename the sources."),
                "DestinationCollision", ErrorCategory.ResourceExists, path));
            return false;
        }

        FileStatus destination = FileProbe.Stat(path);
        if (!destination.Exists)
        {
            return true;
        }

        // The same file, not the same spelling: a folder or file link to the source, a hard link, or another case.
        if (!Force && image.SourcePath is { } source && FileProbe.SameFile(path, source))
        {
            string how = string.Equals(System.IO.Path.GetFullPath(source), path, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                ? string.Empty
                : $" ('{source}', reached through a link or another name)";
            WriteError(new ErrorRecord(
                new IOException($"'{path}' is the image's own source file{how}; use -Force to write over it."),
                "DestinationIsSource", ErrorCategory.PermissionDenied, path));
            return false;
        }

        if (NoClobber)
        {
            WriteError(new ErrorRecord(new IOException($"'{path}' already exists and -NoClobber was given."), "FileExists", ErrorCategory.ResourceExists, path));
            return false;
        }

        if (destination.Kind != FileKind.Regular)
        {
            WriteError(new ErrorRecord(new IOException($"'{path}' is {destination.Description}, not a file that an image can replace."),
                "DestinationNotAFile", ErrorCategory.InvalidArgument, path));
            return false;
        }

        if ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0)
        {
            if (!Force)
            {
                WriteError(new ErrorRecord(new UnauthorizedAccessException($"'{path}' is read-only; use -Force to replace it (it stays read-only)."),
                    "FileReadOnly", ErrorCategory.PermissionDenied, path));
                return false;
            }

            replacesReadOnly = true;
        }

        return true;
    }

    private void ReportFinished(bool wait)
    {
        while (TryTakeWritten(wait, out string path, out Timed<WrittenFile> written, out Exception? error))
        {
            reporter!.Advance(path, 0);
            if (error is not null)
            {
                WriteError(Failure(error, path));
                continue;
            }

            WrittenFile file = written.Value;
            reporter.Add((long)file.Width * file.Height, file.Bytes ?? 0);
            WriteVerbose($"Wrote {path}: {BatchReporter.Size(file.Bytes)}, {file.Format} {file.Width}x{file.Height}, " +
                $"encoded by libvips and written in {BatchReporter.Duration(written.Elapsed)}.");
        }
    }

    private bool TryTakeWritten(bool wait, out string path, out Timed<WrittenFile> written, out Exception? error)
    {
        try
        {
            return queue!.TryDequeueCompleted(wait, StopToken, out path, out written, out error);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private ErrorRecord Failure(Exception error, string path) =>
        error is IOException && NoClobber && File.Exists(path)
            ? new ErrorRecord(error, "FileExists", ErrorCategory.ResourceExists, path)
            : CodecErrors.Record(error, path);

    /// <summary>What a background write reports back: the file's size and what it holds.</summary>
    private readonly record struct WrittenFile(long? Bytes, int Width, int Height, ImageFormat Format);
}
