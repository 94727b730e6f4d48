namespace PhotoFF.Codecs;

/// <summary>The destination of a write exists and overwriting was not allowed; the file is untouched.</summary>
public sealed class DestinationExistsException : IOException
{
    public DestinationExistsException(string path, Exception? innerException = null)
        : base($"The file '{path}' already exists.", innerException)
    {
        Path = path;
    }

    public string Path { get; }
}
