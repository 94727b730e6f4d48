namespace PhotoFF.Commands;

/// <summary>Export-CudaImage was given a folder whose path is, or passes through, an existing file.</summary>
internal sealed class DestinationIsFileException(string message) : IOException(message);
