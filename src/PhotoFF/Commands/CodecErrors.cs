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

    public static ErrorRecord Record(Exception error, string target) => error switch
    {
        CodecException codec => new ErrorRecord(codec, Classify(codec).ErrorId, Classify(codec).Category, target),
        FileNotFoundException or DirectoryNotFoundException => new ErrorRecord(error, "FileNotFound", ErrorCategory.ObjectNotFound, target),
        UnauthorizedAccessException => new ErrorRecord(error, "FileAccessDenied", ErrorCategory.PermissionDenied, target),
        IOException => new ErrorRecord(error, "FileIOError", ErrorCategory.WriteError, target),
        _ => new ErrorRecord(error, "ImageCodecFailed", ErrorCategory.NotSpecified, target),
    };
}
