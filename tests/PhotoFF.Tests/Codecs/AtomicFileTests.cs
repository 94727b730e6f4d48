using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

using PhotoFF.Imaging;

namespace PhotoFF.Tests.Codecs;

/// <summary>A destination holds either its old content or the complete new file, and no temporary file stays.</summary>
public sealed class AtomicFileTests
{
    [Fact]
    public void Writes_the_whole_file_and_nothing_else()
    {
        using var folder = new CodecAssert.TempFolder();
        var bytes = RandomImages.Rgba(50, 50, seed: 1);

        AtomicFile.Write(folder.File("out.bin"), bytes, overwrite: false);

        Assert.Equal(bytes, File.ReadAllBytes(folder.File("out.bin")));
        Assert.Equal(["out.bin"], folder.Entries());
    }

    [Fact]
    public void Without_overwrite_an_existing_file_is_kept_byte_for_byte()
    {
        using var folder = new CodecAssert.TempFolder();
        var path = folder.File("keep.png");
        var original = RandomImages.Rgba(10, 10, seed: 2);
        File.WriteAllBytes(path, original);

        var e = Assert.Throws<DestinationExistsException>(() => AtomicFile.Write(path, new byte[] { 1, 2, 3 }, overwrite: false));

        Assert.IsAssignableFrom<IOException>(e);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(["keep.png"], folder.Entries());
    }

    [Fact]
    public void With_overwrite_the_file_is_replaced()
    {
        using var folder = new CodecAssert.TempFolder();
        var path = folder.File("replace.bin");
        File.WriteAllBytes(path, RandomImages.Rgba(10, 10, seed: 3));
        var replacement = RandomImages.Rgba(3, 3, seed: 4);

        AtomicFile.Write(path, replacement, overwrite: true);

        Assert.Equal(replacement, File.ReadAllBytes(path));
        Assert.Equal(["replace.bin"], folder.Entries());
    }

    [Fact]
    public void A_missing_folder_fails_and_creates_nothing()
    {
        using var folder = new CodecAssert.TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(folder.File("no/such/dir/out.bin"), new byte[] { 1 }, overwrite: true));

        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void A_failed_rename_leaves_no_temporary_file()
    {
        using var folder = new CodecAssert.TempFolder();
        var blocker = folder.File("taken");
        Directory.CreateDirectory(blocker);
        File.WriteAllBytes(Path.Combine(blocker, "inside.txt"), [42]);

        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(blocker, RandomImages.Rgba(4, 4, seed: 5), overwrite: true));

        Assert.Equal(["inside.txt", "taken"], folder.Entries());
    }

    [Fact]
    public void WriteFile_refuses_to_clobber_with_a_codec_error()
    {
        using var folder = new CodecAssert.TempFolder();
        var path = folder.File("exists.jpg");
        File.WriteAllBytes(path, [1, 2, 3]);
        var pixels = RandomImages.Opaque(8, 8, seed: 6);

        var e = Assert.Throws<CodecException>(() => ImageEncoder.WriteFile(path, pixels, 8, 8, ImageMetadata.None,
            new EncodeOptions { Format = ImageFormat.Jpeg }, overwrite: false));

        Assert.Equal(CodecErrorKind.AlreadyExists, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["exists.jpg"], folder.Entries());
    }

    [Fact]
    public void WriteFile_writes_a_decodable_file()
    {
        using var folder = new CodecAssert.TempFolder();
        var path = folder.File("out.webp");
        var pixels = RandomImages.Rgba(33, 17, seed: 7);

        ImageEncoder.WriteFile(path, pixels, 33, 17, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Webp, Quality = 100 }, overwrite: false);

        PixelAssert.Equal(pixels, ImageDecoder.Decode(path, new DecodeOptions()).Pixels, 33);
        Assert.Equal(["out.webp"], folder.Entries());
    }

    /// <summary>WebP cannot hold an image wider than 16383 pixels: the encoder fails and nothing is written.</summary>
    [Fact]
    public void An_encoder_failure_writes_nothing()
    {
        using var folder = new CodecAssert.TempFolder();
        var path = folder.File("wide.webp");
        File.WriteAllBytes(path, [9, 9]);
        var pixels = RandomImages.Opaque(20000, 1, seed: 8);

        var e = Assert.Throws<CodecException>(() => ImageEncoder.WriteFile(path, pixels, 20000, 1, ImageMetadata.None,
            new EncodeOptions { Format = ImageFormat.Webp }, overwrite: true));

        Assert.Equal(CodecErrorKind.WriteFailed, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Equal([9, 9], File.ReadAllBytes(path));
        Assert.Equal(["wide.webp"], folder.Entries());
    }
}
