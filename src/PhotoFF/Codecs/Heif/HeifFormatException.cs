namespace PhotoFF.Codecs.Heif;

/// <summary>
/// A HEIF file that breaks the format's rules (or uses a part of it that is not supported); the decoder turns it into a
/// <see cref="CodecException"/> that names the file.
/// </summary>
internal sealed class HeifFormatException : Exception
{
    public HeifFormatException(string reason, bool unsupported = false)
        : base(reason)
    {
        Unsupported = unsupported;
    }

    /// <summary>True when the file is well formed but uses something this reader does not implement.</summary>
    public bool Unsupported { get; }
}
