using System.Collections.Concurrent;

namespace PhotoFF.Codecs;

/// <summary>
/// Collects the libvips log messages of one decode or encode call. Messages are attributed by thread: the
/// decoder pulls pixels through the libvips pipeline on the calling thread (see <see cref="ImageDecoder"/>),
/// so what the loaders complain about arrives on the thread whose capture is open. Messages from threads
/// without a capture (libvips' own worker threads, other layers) go to a small bounded backlog instead of
/// stderr, where <see cref="DrainUnattributed"/> can still show them.
/// </summary>
public sealed class VipsMessageCapture : IDisposable
{
    private const int UnattributedLimit = 256;
    private const int MessageLimit = 200;

    [ThreadStatic]
    private static VipsMessageCapture? current;

    private static readonly ConcurrentQueue<string> Unattributed = new();

    private readonly List<string> messages = [];
    private readonly VipsMessageCapture? outer;
    private readonly int threadId;
    private bool disposed;

    private VipsMessageCapture()
    {
        outer = current;
        threadId = Environment.CurrentManagedThreadId;
        current = this;
    }

    /// <summary>The messages so far, oldest first, without duplicates.</summary>
    public IReadOnlyList<string> Messages => messages;

    /// <summary>Starts capturing this thread's libvips messages until the capture is disposed.</summary>
    public static VipsMessageCapture Begin()
    {
        VipsRuntime.EnsureInitialized();
        return new VipsMessageCapture();
    }

    /// <summary>Takes the messages that arrived on threads without a capture.</summary>
    public static IReadOnlyList<string> DrainUnattributed()
    {
        var list = new List<string>();
        while (Unattributed.TryDequeue(out var message))
        {
            list.Add(message);
        }

        return list;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (Environment.CurrentManagedThreadId == threadId && ReferenceEquals(current, this))
        {
            current = outer;
        }
    }

    /// <summary>Adds a message of the codec layer's own (a fallback it took) to this capture.</summary>
    internal void Note(string message) => Append(message);

    internal static void Add(string? domain, string? message)
    {
        var text = Clean(message);
        if (text.Length == 0)
        {
            return;
        }

        var capture = current;
        if (capture is not null)
        {
            capture.Append(text);
            return;
        }

        Unattributed.Enqueue(domain is null ? text : $"{domain}: {text}");
        while (Unattributed.Count > UnattributedLimit && Unattributed.TryDequeue(out _))
        {
        }
    }

    private void Append(string text)
    {
        // libvips repeats per-tile complaints (and gives up after 100 itself); one copy of each says it all.
        if (messages.Count < MessageLimit && !messages.Contains(text))
        {
            messages.Add(text);
        }
    }

    private static string Clean(string? message) => (message ?? string.Empty).Trim();
}
