namespace PhotoFF.Codecs;

/// <summary>
/// Which file a path leads to, whatever the path says: the device and inode on Unix, the volume serial number and file
/// index on Windows. Two paths lead to the same file when their identities are equal: through symbolic links (to the
/// file or to a folder on the way), hard links, or names that differ only in case on a case-insensitive file system.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong File)
{
    public override string ToString() => $"{Device:x}:{File:x}";
}
