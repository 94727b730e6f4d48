namespace PhotoFF.Codecs;

/// <summary>A decode or encode failure that names the file (when there is one) and the reason.</summary>
public sealed class CodecException : Exception
{
    public CodecException(CodecErrorKind kind, string? path, string reason, Exception? innerException = null)
        : base(Compose(kind, path, reason), innerException)
    {
        Kind = kind;
        Path = path;
        Reason = reason;
    }

    public CodecErrorKind Kind { get; }

    /// <summary>The file, or the caller's name for a buffer or stream; null when there is neither.</summary>
    public string? Path { get; }

    /// <summary>The reason alone, without the file name: what a cmdlet puts in an ErrorRecord's reason.</summary>
    public string Reason { get; }

    private static string Compose(CodecErrorKind kind, string? path, string reason)
    {
        var subject = path is null ? "the image" : $"'{path}'";
        return kind switch
        {
            CodecErrorKind.NotFound => $"Cannot find {subject}: {reason}",
            CodecErrorKind.WriteFailed => $"Cannot write {subject}: {reason}",
            CodecErrorKind.AlreadyExists => $"Cannot write {subject}: {reason}",
            _ => $"Cannot decode {subject}: {reason}",
        };
    }
}
