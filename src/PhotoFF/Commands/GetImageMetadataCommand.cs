using System.Management.Automation;
using PhotoFF.Codecs;

namespace PhotoFF.Commands;

/// <summary>
/// Get-ImageMetadata: reads each file's size, format, orientation, date taken, camera, exposure, GPS position and colour
/// profile from its header, without decoding pixels. Headers are read on worker threads, up to -ThrottleLimit at once,
/// and written in input order. A file that cannot be read is a non-terminating error naming it; a damaged EXIF block is
/// a warning, and the file's record comes without the EXIF values.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ImageMetadata", DefaultParameterSetName = PathSet, HelpUri = HelpLinks.Metadata)]
[OutputType(typeof(ImageFileMetadata))]
public sealed class GetImageMetadataCommand : PhotoFFCommand
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private OrderedWorkQueue<Timed<(ImageFileMetadata Metadata, List<string> Warnings)>>? queue;
    private FilePathResolver? resolver;
    private BatchReporter? reporter;

    /// <summary>Files to read; wildcards allowed.</summary>
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Files to read, taken as written; binds to PSPath and FullName of pipeline objects (Get-ChildItem, [IO.FileInfo]).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "FullName", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>How many files are read at once.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    [PSDefaultValue(Help = "The number of processors")]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    protected override void BeginProcessing()
    {
        // No backend is needed to read headers: no GPU warning either.
        queue = new OrderedWorkQueue<Timed<(ImageFileMetadata, List<string>)>>(ThrottleLimit);
        resolver = new FilePathResolver(this);
        reporter = new BatchReporter(this, 3, "Reading image metadata", "files");
    }

    protected override void ProcessRecord()
    {
        foreach (string file in resolver!.Resolve(ParameterSetName == PathSet ? Path : LiteralPath, literal: ParameterSetName == LiteralPathSet))
        {
            queue!.Enqueue(file, _ => Timed.Run(() =>
            {
                List<string> warnings = [];
                return (MetadataReader.Read(file, warnings), warnings);
            }));
        }

        WriteReady(wait: false);
    }

    protected override void EndProcessing()
    {
        WriteReady(wait: true);
        reporter!.Complete("read");
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        queue?.Cancel();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            queue?.Dispose();
        }
    }

    private bool TryTakeRead(bool wait, out string file, out Timed<(ImageFileMetadata Metadata, List<string> Warnings)> result, out Exception? error)
    {
        try
        {
            return queue!.TryDequeueCompleted(wait, StopToken, out file, out result, out error);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private void WriteReady(bool wait)
    {
        while (TryTakeRead(wait, out string file, out var result, out Exception? error))
        {
            reporter!.Advance(file, resolver!.WildcardMatches);
            if (error is not null)
            {
                WriteError(CodecErrors.Record(error, file));
                continue;
            }

            var (metadata, warnings) = result.Value;
            foreach (string warning in warnings)
            {
                WriteWarning($"{file}: {warning}");
            }

            reporter.Add((long)metadata.Width * metadata.Height);
            WriteVerbose($"{file}: {metadata.Format} {metadata.Width}x{metadata.Height}, read in {BatchReporter.Duration(result.Elapsed)}.");
            WriteObject(metadata);
        }
    }
}
