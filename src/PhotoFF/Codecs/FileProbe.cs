namespace PhotoFF.Codecs;

/// <summary>
/// Looks at what a path leads to without opening it for reading: opening a FIFO blocks until a writer comes, and a
/// device can be read forever. Links are followed. Linux asks the kernel (<c>statx</c>), Windows the file system
/// (<c>GetFileInformationByHandle</c> and <c>GetFileType</c> on a handle opened without access rights); elsewhere .NET's
/// own file APIs tell regular files and directories apart, and identity falls back to the path with links resolved.
/// </summary>
internal static class FileProbe
{
    public static FileStatus Stat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsLinux() && UnixFileStatus.TryStat(path, out FileStatus unix))
        {
            return unix;
        }

        if (OperatingSystem.IsWindows())
        {
            return WindowsFileStatus.Stat(path);
        }

        return Portable(path);
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> lead to the same existing file.</summary>
    public static bool SameFile(string a, string b)
    {
        FileStatus first = Stat(a);
        if (first.Identity is not { } identity)
        {
            return first.Exists && SamePortablePath(a, b);
        }

        return Stat(b).Identity == identity;
    }

    private static FileStatus Portable(string path)
    {
        if (File.Exists(path))
        {
            return new FileStatus(FileKind.Regular, null);
        }

        return Directory.Exists(path) ? new FileStatus(FileKind.Directory, null) : FileStatus.Missing;
    }

    private static bool SamePortablePath(string a, string b)
    {
        string ResolvedPath(string path)
        {
            string full = Path.GetFullPath(path);
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }

        return string.Equals(ResolvedPath(a), ResolvedPath(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal);
    }
}
