using System.Management.Automation;
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
[Cmdlet(VerbsData.Export, "CudaImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class ExportCudaImageCommand : PhotoFFCommand, IDisposable
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

    /// <summary>Allow writing over the image's own source file.</summary>
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

        queue = new OrderedWorkQueue<Timed<WrittenFile>>(ThrottleLimit);
        reporter = new BatchReporter(this, 2, "Exporting images", "images");
    }

    protected override void ProcessRecord()
    {
        CudaImage image = InputObject;
        string path = target!.PathFor(image, ref unnamed);
        if (!Check(image, path))
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
            EncodeOptions options = new() { Format = target.FormatFor(path), Quality = Quality, KeepMetadata = KeepMetadata };
            ImageMetadata metadata = KeptMetadata.Select(image, KeepMetadata, ExcludeMetadata, note => WriteWarning($"{path}: {note}"));
            bool overwrite = !NoClobber;
            PendingExport export = PendingExport.Take(image, keepImage: PassThru);
            queue!.Enqueue(path, () => Timed.Run(() =>
            {
                using (export)
                {
                    export.WriteFile(path, options, metadata, overwrite);
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

    protected override void StopProcessing() => queue?.Cancel();

    public void Dispose() => queue?.Dispose();

    private bool Check(CudaImage image, string path)
    {
        if (destinations.Contains(path))
        {
            WriteError(new ErrorRecord(
                new IOException($"'{path}' was already written by this command from another image ({image.SourcePath ?? "no source"}); it is not overwritten. Export to a file per image or rename the sources."),
                "DestinationCollision", ErrorCategory.ResourceExists, path));
            return false;
        }

        if (!Force && image.SourcePath is not null && SamePath(image.SourcePath, path))
        {
            WriteError(new ErrorRecord(
                new IOException($"'{path}' is the image's own source file; use -Force to write over it."),
                "DestinationIsSource", ErrorCategory.PermissionDenied, path));
            return false;
        }

        if (NoClobber && File.Exists(path))
        {
            WriteError(new ErrorRecord(new IOException($"'{path}' already exists and -NoClobber was given."), "FileExists", ErrorCategory.ResourceExists, path));
            return false;
        }

        return true;
    }

    private void ReportFinished(bool wait)
    {
        while (queue!.TryDequeueCompleted(wait, out string path, out Timed<WrittenFile> written, out Exception? error))
        {
            reporter!.Advance(path, 0);
            if (error is not null)
            {
                WriteError(error is IOException && NoClobber && File.Exists(path)
                    ? new ErrorRecord(error, "FileExists", ErrorCategory.ResourceExists, path)
                    : CodecErrors.Record(error, path));
                continue;
            }

            WrittenFile file = written.Value;
            reporter.Add((long)file.Width * file.Height, file.Bytes ?? 0);
            WriteVerbose($"Wrote {path}: {BatchReporter.Size(file.Bytes)}, {file.Format} {file.Width}x{file.Height}, " +
                $"encoded by libvips and written in {BatchReporter.Duration(written.Elapsed)}.");
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>What a background write reports back: the file's size and what it holds.</summary>
    private readonly record struct WrittenFile(long? Bytes, int Width, int Height, ImageFormat Format);
}
