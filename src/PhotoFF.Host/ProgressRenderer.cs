using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace PhotoFF.Host;

/// <summary>
/// Shows progress on standard error: on a terminal one line that is rewritten in place and erased when the activity
/// completes; otherwise a line now and then (a new activity, then a new tenth of the way, or a new status when there is
/// no percentage, at most once a second), so that logs stay short.
/// </summary>
public sealed class ProgressRenderer(HostConsole console)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<int, Logged> logged = [];
    private bool lineShown;

    public void Show(ProgressRecord record)
    {
        lock (console.Error)
        {
            if (console.ErrorIsTerminal)
            {
                Rewrite(record);
            }
            else
            {
                Log(record);
            }
        }
    }

    /// <summary>Erases the progress line, if one is shown, before other text goes to the terminal.</summary>
    public void Clear()
    {
        lock (console.Error)
        {
            if (lineShown)
            {
                console.Error.Write("\r\u001b[2K");
                console.Error.Flush();
                lineShown = false;
            }
        }
    }

    public static string Describe(ProgressRecord record)
    {
        string text = string.IsNullOrEmpty(record.StatusDescription) ? record.Activity : $"{record.Activity}: {record.StatusDescription}";
        if (record.PercentComplete >= 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {record.PercentComplete}%");
        }

        if (record.SecondsRemaining > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" ({TimeSpan.FromSeconds(record.SecondsRemaining):g} left)");
        }

        return string.IsNullOrEmpty(record.CurrentOperation) ? text : $"{text} - {record.CurrentOperation}";
    }

    private void Rewrite(ProgressRecord record)
    {
        if (record.RecordType == ProgressRecordType.Completed)
        {
            Clear();
            return;
        }

        string text = Describe(record);
        int width = Math.Max(10, console.Width - 1);
        if (text.Length > width)
        {
            text = text[..(width - 3)] + "...";
        }

        console.Error.Write("\r\u001b[2K" + console.Colored(text, ConsoleColor.Cyan, terminal: true));
        console.Error.Flush();
        lineShown = true;
    }

    private void Log(ProgressRecord record)
    {
        if (record.RecordType == ProgressRecordType.Completed)
        {
            logged.Remove(record.ActivityId);
            return;
        }

        int step = record.PercentComplete >= 0 ? record.PercentComplete / 10 : -1;
        TimeSpan now = clock.Elapsed;
        bool show = !logged.TryGetValue(record.ActivityId, out Logged? last)
            || last.Activity != record.Activity
            || (now - last.At >= LogInterval && (step >= 0 ? step != last.Step : last.Status != record.StatusDescription));
        if (show)
        {
            console.Error.WriteLine(Describe(record));
            console.Error.Flush();
            logged[record.ActivityId] = new Logged(record.Activity, record.StatusDescription, step, now);
        }
    }

    private sealed record Logged(string Activity, string? Status, int Step, TimeSpan At);
}
