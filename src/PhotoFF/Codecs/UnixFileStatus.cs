using System.Runtime.InteropServices;

namespace PhotoFF.Codecs;

/// <summary>
/// <c>statx(2)</c> through glibc (2.28 and later) or musl: the kernel's answer for what a path leads to, links followed,
/// without opening it. <c>struct statx</c> has one layout on every architecture, unlike <c>struct stat</c>, which is why
/// it is used here.
/// </summary>
internal static unsafe partial class UnixFileStatus
{
    // <fcntl.h>: relative paths are resolved against the working directory; 0 flags follow symbolic links.
    private const int AtCurrentDirectory = -100;
    private const int FollowLinks = 0;

    // <linux/stat.h>: the fields asked for.
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;

    // <sys/stat.h>: the file type bits of st_mode.
    private const ushort TypeMask = 0xF000;
    private const ushort Socket = 0xC000;
    private const ushort Regular = 0x8000;
    private const ushort Block = 0x6000;
    private const ushort Directory = 0x4000;
    private const ushort Character = 0x2000;
    private const ushort Fifo = 0x1000;

    // <errno.h> on Linux: the path, or a folder on the way, does not exist; a link loop or a dangling link.
    private const int NoEntry = 2;
    private const int NotDirectory = 20;
    private const int TooManyLinks = 40;

    private static bool unavailable;

    /// <summary>The status of <paramref name="path"/>; false when this C library has no statx (then use another way).</summary>
    public static bool TryStat(string path, out FileStatus status)
    {
        status = default;
        if (unavailable)
        {
            return false;
        }

        Statx buffer;
        int result;
        try
        {
            result = statx(AtCurrentDirectory, path, FollowLinks, StatxType | StatxIno, &buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true;
            return false;
        }

        if (result != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            status = error is NoEntry or NotDirectory or TooManyLinks ? FileStatus.Missing : new FileStatus(FileKind.Unknown, null);
            return true;
        }

        FileKind kind = (buffer.Mode & TypeMask) switch
        {
            Regular => FileKind.Regular,
            Directory => FileKind.Directory,
            Fifo => FileKind.Fifo,
            Socket => FileKind.Socket,
            Character => FileKind.CharacterDevice,
            Block => FileKind.BlockDevice,
            _ => FileKind.Unknown,
        };

        // stx_dev_* are filled whatever the mask; stx_ino only when the file system could tell it.
        FileIdentity? identity = (buffer.Mask & StatxIno) != 0
            ? new FileIdentity(((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor, buffer.Inode)
            : null;
        status = new FileStatus(kind, identity);
        return true;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int directory, string path, int flags, uint mask, Statx* buffer);

    /// <summary><c>struct statx</c> of <c>&lt;linux/stat.h&gt;</c>: 256 bytes, the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(0x00)] public uint Mask;
        [FieldOffset(0x1C)] public ushort Mode;
        [FieldOffset(0x20)] public ulong Inode;
        [FieldOffset(0x88)] public uint DeviceMajor;
        [FieldOffset(0x8C)] public uint DeviceMinor;
    }
}
