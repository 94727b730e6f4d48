namespace PhotoFF.Codecs;

/// <summary>What a path names once links are followed: only regular files are read as images.</summary>
internal enum FileKind
{
    /// <summary>Nothing there (or a link that leads nowhere).</summary>
    Missing,

    Regular,

    Directory,

    /// <summary>A named pipe: opening it for reading blocks until a writer comes.</summary>
    Fifo,

    Socket,

    CharacterDevice,

    BlockDevice,

    /// <summary>Exists, but what it is could not be told (no permission to look, or an unknown type).</summary>
    Unknown,
}
