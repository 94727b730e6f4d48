using System.Management.Automation;
using PhotoFF.Codecs;

namespace PhotoFF.Commands;

/// <summary>The stable error id and category of each kind of codec failure, so that scripts and tests can tell them apart.</summary>
internal static class CodecErrors
{
    public static (string ErrorId, ErrorCategory Category) Classify(CodecException error) => error.Kind switch
    {
        CodecErrorKind.NotFound => ("FileNotFound", ErrorCategory.ObjectNotFound),
        CodecErrorKind.Unreadable => ("FileReadError", ErrorCategory.ReadError),
        CodecErrorKind.Corrupt => ("ImageDecodeFailed", ErrorCategory.InvalidData),
        CodecErrorKind.Unsupported => ("UnsupportedImageFormat", ErrorCategory.InvalidType),
        CodecErrorKind.MissingCodec => ("MissingCodec", ErrorCategory.NotImplemented),
        CodecErrorKind.TooLarge => ("ImageTooLarge", ErrorCategory.LimitsExceeded),
        CodecErrorKind.WriteFailed => ("FileWriteError", ErrorCategory.WriteError),
        _ => ("ImageCodecFailed", ErrorCategory.NotSpecified),
    };

    /// <summary>A failure to decode, for the cmdlets that have -Lenient: a damaged file's error says what -Lenient would
    /// do, and the record's RecommendedAction says it too.</summary>
    public static ErrorRecord DecodeRecord(Exception error, string target)
    {
        ErrorRecord record = Record(error, target);
        if (error is CodecException { Kind: CodecErrorKind.Corrupt })
        {
            const string Remedy = "To keep what can still be decoded, add -Lenient (the missing part becomes grey, with a warning).";
            record.ErrorDetails = new ErrorDetails($"{error.Message.TrimEnd('.')}. {Remedy}") { RecommendedAction = Remedy };
        }

        return record;
    }

    public static ErrorRecord Record(Exception error, string target) => error switch
    {
        CodecException codec => new ErrorRecord(codec, Classify(codec).ErrorId, Classify(codec).Category, target),
        FileNotFoundException or DirectoryNotFoundException => new ErrorRecord(error, "FileNotFound", ErrorCategory.ObjectNotFound, target),
        UnauthorizedAccessException => new ErrorRecord(error, "FileAccessDenied", ErrorCategory.PermissionDenied, target),
        IOException => new ErrorRecord(error, "FileIOError", ErrorCategory.WriteError, target),
        _ => new ErrorRecord(error, "ImageCodecFailed", ErrorCategory.NotSpecified, target),
    };
}
