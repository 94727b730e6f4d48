namespace PhotoFF.Codecs;

/// <summary>Why a file could not be decoded or written; the cmdlet layer maps it to an error category.</summary>
public enum CodecErrorKind
{
    /// <summary>The file does not exist.</summary>
    NotFound,

    /// <summary>The file exists but cannot be opened or read (a directory, no permission, an I/O error).</summary>
    Unreadable,

    /// <summary>The data is damaged or truncated (strict decoding refuses what libvips would patch over).</summary>
    Corrupt,

    /// <summary>Not an image format this libvips build knows.</summary>
    Unsupported,

    /// <summary>The container is known but its compression is not built into this libvips (HEIC/HEVC).</summary>
    MissingCodec,

    /// <summary>The image has more pixels than the configured limit.</summary>
    TooLarge,

    /// <summary>Encoding or writing the output failed.</summary>
    WriteFailed,

    /// <summary>The destination exists and overwriting was not allowed.</summary>
    AlreadyExists,
}
