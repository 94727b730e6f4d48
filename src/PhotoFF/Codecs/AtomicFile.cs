namespace PhotoFF.Codecs;

/// <summary>Writes a whole file or nothing: a destination holds either its old content or the complete new one.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="bytes"/> to a temporary file in the destination's folder (same file system, so
    /// the rename is atomic), flushes it to disk, then renames it over <paramref name="path"/>.
    /// </summary>
    /// <exception cref="DestinationExistsException"><paramref name="overwrite"/> is false and the file exists
    /// (checked by the rename itself, so a file created meanwhile is not overwritten either).</exception>
    /// <exception cref="IOException">The folder does not exist or the write failed; no temporary file is left.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{path}' names no file.");
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder '{directory}' does not exist.");
        }

        if (!overwrite && Path.Exists(fullPath))
        {
            throw new DestinationExistsException(fullPath);
        }

        // Hidden and unmistakable, in case a crash leaves one behind.
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                       bufferSize: 1, FileOptions.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, fullPath, overwrite);
            }
            catch (IOException e) when (!overwrite && Path.Exists(fullPath))
            {
                throw new DestinationExistsException(fullPath, e);
            }
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is what the caller needs to see.
        }
    }
}
