namespace PhotoFF.Codecs;

/// <summary>What a path leads to, links followed: its kind and, where the platform tells, its identity.</summary>
internal readonly record struct FileStatus(FileKind Kind, FileIdentity? Identity)
{
    public static FileStatus Missing { get; } = new(FileKind.Missing, null);

    public bool Exists => Kind != FileKind.Missing;

    /// <summary>"a named pipe (FIFO)", "a directory"...: for messages that say why a path is refused.</summary>
    public string Description => Kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };
}
