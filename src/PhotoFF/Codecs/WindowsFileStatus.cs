using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PhotoFF.Codecs;

/// <summary>
/// What a path leads to on Windows: a handle opened with no access rights (which reads no data, so a pipe or device is
/// not consumed) tells the file type (<c>GetFileType</c>) and, for files on disk, the volume serial number and file
/// index (<c>GetFileInformationByHandle</c>) that identify the file across links.
/// </summary>
internal static partial class WindowsFileStatus
{
    // <winbase.h>, <winnt.h>, <fileapi.h>
    private const uint NoAccess = 0;
    private const uint ShareAll = 0x1 | 0x2 | 0x4;
    private const uint OpenExisting = 3;
    private const uint BackupSemantics = 0x02000000; // needed to open a handle to a directory
    private const uint AttributeDirectory = 0x10;
    private const uint FileTypeDisk = 0x1;
    private const uint FileTypeChar = 0x2;
    private const uint FileTypePipe = 0x3;

    // <winerror.h>: the file, or a folder on the way, does not exist.
    private const int FileNotFound = 2;
    private const int PathNotFound = 3;
    private const int InvalidName = 123;

    public static FileStatus Stat(string path)
    {
        using SafeFileHandle handle = CreateFileW(path, NoAccess, ShareAll, 0, OpenExisting, BackupSemantics, 0);
        if (handle.IsInvalid)
        {
            int error = Marshal.GetLastPInvokeError();
            return error is FileNotFound or PathNotFound or InvalidName ? FileStatus.Missing : new FileStatus(FileKind.Unknown, null);
        }

        switch (GetFileType(handle))
        {
            case FileTypeChar:
                return new FileStatus(FileKind.CharacterDevice, null);
            case FileTypePipe:
                return new FileStatus(FileKind.Fifo, null);
            case not FileTypeDisk:
                return new FileStatus(FileKind.Unknown, null);
        }

        if (!GetFileInformationByHandle(handle, out ByHandleFileInformation information))
        {
            return new FileStatus(FileKind.Unknown, null);
        }

        FileKind kind = (information.FileAttributes & AttributeDirectory) != 0 ? FileKind.Directory : FileKind.Regular;
        ulong index = ((ulong)information.FileIndexHigh << 32) | information.FileIndexLow;
        return new FileStatus(kind, new FileIdentity(information.VolumeSerialNumber, index));
    }

    [LibraryImport("kernel32.dll", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    private static partial SafeFileHandle CreateFileW(string fileName, uint desiredAccess, uint shareMode, nint securityAttributes,
        uint creationDisposition, uint flagsAndAttributes, nint templateFile);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    private static partial uint GetFileType(SafeFileHandle file);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(SafeFileHandle file, out ByHandleFileInformation information);

    /// <summary><c>BY_HANDLE_FILE_INFORMATION</c>: 52 bytes, 4-byte aligned (each FILETIME is two DWORDs, so the 64-bit
    /// fields here must not be padded to 8).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4, Size = 52)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public ulong CreationTime;
        public ulong LastAccessTime;
        public ulong LastWriteTime;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }
}
