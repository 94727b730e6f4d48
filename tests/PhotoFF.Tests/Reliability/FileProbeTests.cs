using System.Diagnostics;
using PhotoFF.Codecs;
using PhotoFF.Tests.Codecs;

namespace PhotoFF.Tests.Reliability;

/// <summary>What a path leads to: kinds without opening, and identity through links (issue 6, items 1 and 3).</summary>
public sealed class FileProbeTests
{
    [Fact]
    public void A_regular_file_and_a_folder_are_told_apart_and_a_missing_path_is_missing()
    {
        using CodecAssert.TempFolder folder = new();
        string file = folder.File("a.bin");
        File.WriteAllBytes(file, [1, 2, 3]);

        Assert.Equal(FileKind.Regular, FileProbe.Stat(file).Kind);
        Assert.Equal(FileKind.Directory, FileProbe.Stat(folder.Path).Kind);
        Assert.Equal(FileStatus.Missing, FileProbe.Stat(folder.File("none.bin")));
        Assert.Equal(FileStatus.Missing, FileProbe.Stat(Path.Combine(file, "under-a-file.bin")));
    }

    [Fact]
    public void Two_files_have_different_identities_and_one_file_the_same_one_each_time()
    {
        using CodecAssert.TempFolder folder = new();
        File.WriteAllBytes(folder.File("a.bin"), [1]);
        File.WriteAllBytes(folder.File("b.bin"), [1]);
        SkipWithoutIdentity(folder.File("a.bin"));

        Assert.Equal(FileProbe.Stat(folder.File("a.bin")).Identity, FileProbe.Stat(folder.File("a.bin")).Identity);
        Assert.NotEqual(FileProbe.Stat(folder.File("a.bin")).Identity, FileProbe.Stat(folder.File("b.bin")).Identity);
        Assert.False(FileProbe.SameFile(folder.File("a.bin"), folder.File("b.bin")));
        Assert.False(FileProbe.SameFile(folder.File("a.bin"), folder.File("missing.bin")));
    }

    [Fact]
    public void A_file_reached_through_a_folder_link_a_file_link_or_a_hard_link_is_the_same_file()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "symbolic and hard links are made with Linux tools here");
        using CodecAssert.TempFolder folder = new();
        string source = Directory.CreateDirectory(Path.Combine(folder.Path, "src")).FullName;
        string file = Path.Combine(source, "photo.jpg");
        File.WriteAllBytes(file, [1, 2, 3]);
        string folderLink = Path.Combine(folder.Path, "link");
        Directory.CreateSymbolicLink(folderLink, source);
        string fileLink = folder.File("file-link.jpg");
        File.CreateSymbolicLink(fileLink, file);
        string hardLink = folder.File("hard-link.jpg");
        Run("ln", file, hardLink);

        Assert.True(FileProbe.SameFile(Path.Combine(folderLink, "photo.jpg"), file));
        Assert.True(FileProbe.SameFile(file, Path.Combine(folderLink, "photo.jpg")));
        Assert.True(FileProbe.SameFile(fileLink, file));
        Assert.True(FileProbe.SameFile(hardLink, file));
        Assert.Equal(FileKind.Regular, FileProbe.Stat(fileLink).Kind);
    }

    [Fact]
    public async Task A_fifo_and_a_device_are_recognized_without_opening_them()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo and /dev/zero are Linux's");
        using CodecAssert.TempFolder folder = new();
        string fifo = folder.File("pipe.jpg");
        Run("mkfifo", fifo);

        // Opening the FIFO for reading would block this test until a writer came: the probe must not open it.
        Task<FileStatus> probe = Waits.Run(() => FileProbe.Stat(fifo));
        Assert.True(await probe.FinishesWithin(TimeSpan.FromSeconds(10)), "probing a FIFO blocked");
        Assert.Equal(FileKind.Fifo, (await probe).Kind);
        Assert.Equal(FileKind.CharacterDevice, FileProbe.Stat("/dev/zero").Kind);

        string dangling = folder.File("dangling.jpg");
        File.CreateSymbolicLink(dangling, folder.File("gone.jpg"));
        Assert.Equal(FileStatus.Missing, FileProbe.Stat(dangling));
    }

    [Fact]
    public async Task The_decoder_refuses_a_fifo_before_opening_it_naming_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo is Linux's");
        using CodecAssert.TempFolder folder = new();
        string fifo = folder.File("pipe.png");
        Run("mkfifo", fifo);

        Task<CodecException> decode = Waits.Run(() => Assert.Throws<CodecException>(() => ImageDecoder.Decode(fifo, new DecodeOptions())));
        Assert.True(await decode.FinishesWithin(TimeSpan.FromSeconds(10)), "decoding a FIFO blocked");
        CodecException error = await decode;
        Assert.Equal(CodecErrorKind.Unreadable, error.Kind);
        Assert.Equal(fifo, error.Path);
        Assert.Contains("named pipe (FIFO)", error.Reason);
    }

    private static void SkipWithoutIdentity(string path) =>
        Assert.SkipWhen(FileProbe.Stat(path).Identity is null, "this platform reports no file identity (neither statx nor Windows file IDs)");

    private static void Run(string tool, params string[] arguments)
    {
        ProcessStartInfo start = new(tool) { RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"{tool} did not finish");
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
    }
}
