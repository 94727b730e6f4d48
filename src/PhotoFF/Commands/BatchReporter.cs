using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace PhotoFF.Commands;

/// <summary>
/// What a cmdlet that works through a batch of files tells as it goes: progress after each file (how many so far, and a
/// percentage when the total is known, as it is for a wildcard; files from the pipeline have none), and at the end one
/// information line: how many images, how many megapixels, how long. The per-file -Verbose lines are the cmdlet's own.
/// </summary>
internal sealed class BatchReporter(PSCmdlet cmdlet, int activityId, string activity, string noun)
{
    // Progress is drawn by the host; more often than this only costs time.
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan? lastProgress;
    private bool progressShown;
    private int seen;
    private int done;
    private long pixels;
    private long bytes;

    /// <summary>Counts a file that was handled (written on, or reported as an error) and shows progress.</summary>
    /// <param name="name">The file, as progress shows it.</param>
    /// <param name="total">How many files the batch has, or 0 when that is not known.</param>
    public void Advance(string name, int total)
    {
        seen++;
        TimeSpan now = clock.Elapsed;
        if (seen < 2 || now - lastProgress < ProgressInterval)
        {
            return;
        }

        lastProgress = now;
        progressShown = true;
        string file = Path.GetFileName(name);
        cmdlet.WriteProgress(total > 0
            ? new ProgressRecord(activityId, activity, $"{seen} of {total}: {file}") { PercentComplete = Math.Min(100, seen * 100 / total) }
            : new ProgressRecord(activityId, activity, $"{seen} {noun} so far: {file}"));
    }

    /// <summary>Counts an image that made it through, for the summary.</summary>
    public void Add(long imagePixels, long fileBytes = 0)
    {
        done++;
        pixels += imagePixels;
        bytes += fileBytes;
    }

    /// <summary>Ends the progress bar and writes the summary line, when the batch had any file.</summary>
    /// <param name="verb">What was done: "imported", "exported", "read".</param>
    public void Complete(string verb)
    {
        if (progressShown)
        {
            cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        if (seen == 0)
        {
            return;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        string written = bytes > 0 ? $", {Size(bytes)} written" : string.Empty;
        string failed = seen > done ? $" ({seen - done} failed)" : string.Empty;
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{cmdlet.MyInvocation.MyCommand.Name}: {done} {noun} {verb}{failed}, {pixels / 1e6:0.0} megapixels{written}, in {seconds:0.00} s.");
        cmdlet.WriteInformation(summary, ["PhotoFF", "Summary"]);
    }

    /// <summary>The length of a file, or null when it cannot be read (gone in the meantime): feedback is never an error.</summary>
    public static long? LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A file's size as -Verbose says it.</summary>
    public static string Size(long? byteCount) => byteCount is long known ? Size(known) : "size unknown";

    /// <summary>"812 KB", "2.1 MB": a file's size as -Verbose says it.</summary>
    public static string Size(long byteCount) => byteCount < 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{byteCount / 1024.0:0.#} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{byteCount / (1024.0 * 1024.0):0.0} MB");

    /// <summary>"85 ms", "1.24 s".</summary>
    public static string Duration(TimeSpan time) => time.TotalSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s");
}
