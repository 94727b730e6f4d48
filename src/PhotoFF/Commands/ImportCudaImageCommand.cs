using System.Management.Automation;
using PhotoFF.Backends;
using PhotoFF.Codecs;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>
/// Import-CudaImage: decodes image files into images on the GPU (or the CPU backend). Files are read and decoded ahead on
/// worker threads, up to -ThrottleLimit at once, within a decode memory budget, and written in input order; JPEG and HEIC
/// files go to the GPU's decoders where there are some (<see cref="ImageImporter"/> chooses per file). A file that cannot
/// be read is a non-terminating error naming it; the rest of the batch goes on. Ctrl+C ends waits and decodes at once.
/// </summary>
[Cmdlet(VerbsData.Import, "CudaImage", DefaultParameterSetName = PathSet, HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaImage))]
public sealed class ImportCudaImageCommand : PhotoFFCommand
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private OrderedWorkQueue<Timed<PendingImage>>? queue;
    private ImageImporter? importer;
    private DecodeMemoryBudget.Line? budgetLine;
    private FilePathResolver? resolver;
    private BatchReporter? reporter;
    private IImageBackend? backend;

    /// <summary>Files to import; wildcards allowed.</summary>
    [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Files to import, taken as written; binds to PSPath and FullName of pipeline objects (Get-ChildItem, [IO.FileInfo]).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "FullName", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Decode into this image's buffer instead of a new one (no allocation while the pixels fit its capacity).</summary>
    [Parameter]
    [ValidateNotNull]
    public CudaImage? Into { get; set; }

    /// <summary>The CUDA device ordinal for the new images.</summary>
    [Parameter]
    [ValidateRange(0, 63)]
    [PSDefaultValue(Help = "The default backend")]
    public int Device { get; set; } = -1;

    /// <summary>How many files are decoded at once.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    [PSDefaultValue(Help = "The number of processors")]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>Accept damaged files that libvips can partly read, with warnings, instead of failing.</summary>
    [Parameter]
    public SwitchParameter Lenient { get; set; }

    /// <summary>The largest image accepted, in pixels (width x height): a guard against decompression bombs.</summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxPixels { get; set; } = new DecodeOptions().MaxPixels;

    /// <summary>The most memory, in bytes, that the pixels being decoded and waiting to be written may take at once
    /// (1GB, 512MB...); a file that does not fit waits for room. By default a budget that every import of the process
    /// shares: a quarter of the machine's memory.</summary>
    [Parameter]
    [ValidateRange(1L << 20, long.MaxValue)]
    [PSDefaultValue(Help = "A quarter of the machine's memory, shared by all imports")]
    public long MaxDecodeMemory { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            backend = Into?.Backend ?? SelectBackend(Device < 0 ? null : Device);
        }
        catch (Exception error) when (error is Cuda.CudaException or InvalidOperationException)
        {
            ThrowTerminatingError(new ErrorRecord(error, "BackendUnavailable", ErrorCategory.ResourceUnavailable, Device));
        }

        DecodeMemoryBudget budget = MyInvocation.BoundParameters.ContainsKey(nameof(MaxDecodeMemory))
            ? new DecodeMemoryBudget(MaxDecodeMemory)
            : DecodeMemoryBudget.Shared;
        budgetLine = budget.OpenLine();
        importer = new ImageImporter(backend!, new DecodeOptions { Lenient = Lenient, MaxPixels = MaxPixels });
        queue = new OrderedWorkQueue<Timed<PendingImage>>(ThrottleLimit, importer.ReadAhead(ThrottleLimit));
        resolver = new FilePathResolver(this);
        reporter = new BatchReporter(this, 1, "Importing images", "images");
    }

    protected override void ProcessRecord()
    {
        foreach (string file in resolver!.Resolve(ParameterSetName == PathSet ? Path : LiteralPath, literal: ParameterSetName == LiteralPathSet))
        {
            if (Into is not null)
            {
                // One buffer for every file: decode and write one at a time.
                Decode(file);
                WriteReady(wait: true);
            }
            else
            {
                Decode(file);
            }
        }

        WriteReady(wait: false);
    }

    protected override void EndProcessing()
    {
        WriteReady(wait: true);
        reporter!.Complete("imported");
    }

    protected override void StopProcessing()
    {
        base.StopProcessing();
        queue?.Cancel();
    }

    /// <summary>Stopped early (Ctrl+C, -ErrorAction Stop, Select-Object -First): decodes not written are cancelled and
    /// their memory and budget given back, without waiting for a worker that may be stuck in a read.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            queue?.Dispose();
        }
    }

    private void Decode(string file)
    {
        ImageImporter files = importer!;
        DecodeMemoryBudget.Ticket ticket = budgetLine!.Enqueue();
        queue!.Enqueue(file, cancellation => Timed.RunAsync(() => files.Start(file, ticket, cancellation)), ticket.Dispose);
    }

    private bool TryTakeDecoded(bool wait, out string file, out Timed<PendingImage> result, out Exception? error)
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
        while (TryTakeDecoded(wait, out string file, out Timed<PendingImage> result, out Exception? error))
        {
            reporter!.Advance(file, resolver!.WildcardMatches);
            if (error is not null)
            {
                if (error is OperationCanceledException && StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                WriteError(CodecErrors.DecodeRecord(error, file));
                continue;
            }

            CudaImage image;
            string how;

            // The decoded pixels and their share of the budget are given back as soon as the backend has them.
            using (PendingImage decoded = result.Value)
            {
                foreach (string warning in decoded.Warnings)
                {
                    WriteWarning($"{file}: {warning}");
                }

                how = $"{decoded.Format} {decoded.Width}x{decoded.Height}, decoded {(decoded.IsOnDevice ? "on the GPU" : "by libvips")}";
                try
                {
                    image = RunStoppable(() => ToImage(decoded, file));
                }
                catch (Exception uploadError) when (uploadError is not PipelineStoppedException)
                {
                    WriteError(new ErrorRecord(uploadError, "ImageUploadFailed", ErrorCategory.ResourceUnavailable, file));
                    continue;
                }
            }

            reporter.Add(image.PixelCount);
            WriteVerbose($"{file}: {BatchReporter.Size(BatchReporter.LengthOf(file))}, {how} in {BatchReporter.Duration(result.Elapsed)}, " +
                $"to {image.BackendKind} ({image.Device}).");
            WriteObject(image);
        }
    }

    private CudaImage ToImage(PendingImage decoded, string file)
    {
        CudaImage image;
        if (decoded.TakeDeviceImage() is { } onDevice)
        {
            image = Adopt(onDevice);
        }
        else if (Into is not null)
        {
            Into.Load(decoded.Pixels, decoded.Width, decoded.Height);
            image = Into;
        }
        else
        {
            image = CudaImage.FromPixels(decoded.Pixels, decoded.Width, decoded.Height, backend);
        }

        image.SourcePath = file;
        image.Metadata = decoded.Metadata;
        return image;
    }

    /// <summary>An image a GPU decoder made: written as it is, or copied into -Into's buffer.</summary>
    private CudaImage Adopt(CudaImage decoded)
    {
        if (Into is null)
        {
            return decoded;
        }

        using (decoded)
        {
            Into.SetSize(decoded.Width, decoded.Height);
            Into.Backend.Copy(decoded.Pixels, Into.Pixels, decoded.ByteCount);
        }

        return Into;
    }
}
