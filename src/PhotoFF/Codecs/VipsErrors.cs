using System.Text.RegularExpressions;
using NetVips;

namespace PhotoFF.Codecs;

/// <summary>Turns libvips' error buffer and log messages into one readable reason.</summary>
/// <remarks>
/// Log messages are attributed to the calling thread exactly (<see cref="VipsMessageCapture"/>). libvips' error
/// buffer, which NetVips copies into the exception message, is one per process: when two decodes
/// fail at the same instant a reason can miss a line or carry one of the other failure. Lines that name another
/// file are dropped, and the buffer is emptied after every decode so that old complaints do not pile up.
/// </remarks>
internal static partial class VipsErrors
{
    public static CodecException ToCodecException(VipsException e, CodecErrorKind kind, string? name,
        string? fullPath, IReadOnlyList<string> messages)
    {
        var reason = Reason(e, fullPath, messages);
        if (kind == CodecErrorKind.MissingCodec)
        {
            reason = MissingCodecReason(reason);
        }
        else if (reason.Contains("is not a known file format", StringComparison.Ordinal))
        {
            kind = CodecErrorKind.Unsupported;
        }

        return new CodecException(kind, name, reason, e);
    }

    /// <summary>
    /// A header that opened but pixels that did not decode: damaged data, unless libvips says that the
    /// compression inside the container is not built in (HEIC's HEVC in NetVips.Native).
    /// </summary>
    public static CodecErrorKind PixelFailureKind(Image source, VipsException e, IReadOnlyList<string> messages)
    {
        var text = e.Message + "\n" + string.Join("\n", messages);
        return MissingCodecPattern().IsMatch(text) ? CodecErrorKind.MissingCodec : CodecErrorKind.Corrupt;
    }

    public static string Reason(VipsException e, string? fullPath, IReadOnlyList<string> messages)
    {
        var lines = CleanLines(e.Message, fullPath);
        if (lines.Count == 0)
        {
            // Strict loaders often log the real cause (libpng: "IHDR: CRC error") as a warning and then fail
            // with an empty error; the warnings are the reason then.
            lines = messages.SelectMany(m => CleanLines(m, fullPath)).Distinct().ToList();
        }

        return lines.Count == 0 ? "libvips gave no reason" : string.Join("; ", lines);
    }

    /// <summary>The log messages of a successful decode, cleaned like error reasons.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<string> messages, string? fullPath) =>
        messages.Count == 0 ? [] : messages.SelectMany(m => CleanLines(m, fullPath)).Distinct().ToArray();

    /// <summary>
    /// Empties libvips' error buffer. It is process-wide, and libvips also writes non-fatal complaints into it
    /// (libjpeg's "Corrupt JPEG data" during a lenient decode that succeeds, a format probe that finds no
    /// loader): left there, they would become part of the next failure's reason on whichever thread fails next.
    /// </summary>
    public static void DiscardStale() => VipsNative.ErrorClear();

    public static string Clean(string message, string? fullPath) => string.Join("; ", CleanLines(message, fullPath));

    private static List<string> CleanLines(string message, string? fullPath)
    {
        var lines = new List<string>();
        foreach (var raw in message.Split('\n'))
        {
            var line = raw.Trim();

            // NetVips' and libvips' wrappers ("unable to write to memory", "unable to call
            // VipsForeignLoadPngFile", "unable to load from file ...") say where, not why.
            if (line.Length == 0 || (line.StartsWith("unable to ", StringComparison.Ordinal) && !line.Contains(": ")))
            {
                continue;
            }

            if (fullPath is not null)
            {
                // The exception names the file already; libvips' error buffer is process-wide, so a line about
                // another file belongs to another thread's failure.
                line = line.Replace($"\"{fullPath}\"", "the file", StringComparison.Ordinal)
                    .Replace($"{fullPath}: ", string.Empty, StringComparison.Ordinal)
                    .Replace(fullPath, "the file", StringComparison.Ordinal);
                if (OtherPath().IsMatch(line))
                {
                    continue;
                }
            }

            // Class-name prefixes ("VipsForeignLoad: ", "VipsJpeg: ", "vipspng: ", "heif: ") are noise to a user.
            line = ClassPrefix().Replace(line, string.Empty);
            if (line.Length == 0 || Noise().IsMatch(line) || lines.Contains(line))
            {
                continue;
            }

            lines.Add(line);
        }

        return lines;
    }

    private static string MissingCodecReason(string reason)
    {
        var match = HeifCompression().Match(reason);
        var codec = match.Success ? match.Groups[1].Value : null;
        return codec is null
            ? $"this libvips build cannot decode the image's compression ({reason})"
            : $"{(codec == "HEVC" ? "HEIC with HEVC" : codec)} compression is not supported by this libvips build " +
              $"({reason})";
    }

    [GeneratedRegex(@"has not been built in|no suitable decoder|decoder plugin|not built with|unsupported codec",
        RegexOptions.IgnoreCase)]
    private static partial Regex MissingCodecPattern();

    [GeneratedRegex(@"built in:\s*([A-Za-z0-9]+)")]
    private static partial Regex HeifCompression();

    [GeneratedRegex(@"^(?:Vips[A-Za-z0-9]*|vips[a-z0-9_]*|heif|tiff2vips|gifload|webp|png|jpeg|spng): ")]
    private static partial Regex ClassPrefix();

    [GeneratedRegex(@"(?:^|[\s""'(])(?:/[^\s""':]+){2,}")]
    private static partial Regex OtherPath();

    // libvips' per-read bookkeeping that says nothing about the image.
    [GeneratedRegex(@"^(?:(?:source: )?bad seek to \d+|read gave \d+ warnings|error in tile \d+ x \d+)$")]
    private static partial Regex Noise();
}
