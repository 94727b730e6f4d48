using PhotoFF.Backends.Cpu;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs;

/// <summary>
/// Decoding for the CPU backend, straight into a buffer of its pool (as Import-CudaImage decodes), gives what decoding to
/// the host gives: the same pixels, warnings and errors, for every band layout the decoder expands (RGB, grey, grey and
/// alpha, RGBA, 16-bit) and for oriented files.
/// </summary>
public sealed class CpuDecodeTests : IDisposable
{
    private readonly CpuBackend cpu = new();

    public static TheoryData<string, string> Files => new()
    {
        { "photos", "jolla.jpg" },
        { "photos", "Canon_40D.jpg" },
        { "photos", "BSG1.tiff" },
        { "exif/orientation", "landscape_1.jpg" },
        { "exif/orientation", "portrait_6.jpg" },
        { "pngsuite/png", "basn0g08.png" },
        { "pngsuite/png", "basn0g16.png" },
        { "pngsuite/png", "basn4a08.png" },
        { "pngsuite/png", "basn2c16.png" },
        { "pngsuite/png", "basn6a08.png" },
        { "pngsuite/png", "basn3p04.png" },
        { "pngsuite/png", "s39n3p04.png" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Decoding_into_the_cpu_backend_gives_the_host_decode(string folder, string name)
    {
        string path = TestImages.Path([.. folder.Split('/'), name]);
        DecodedImage host = ImageDecoder.Decode(path, new DecodeOptions());
        using PendingImage direct = DecodeForCpu(path, new DecodeOptions());
        using CudaImage? image = direct.TakeDeviceImage();

        Assert.NotNull(image);
        Assert.Same(cpu, image.Backend);
        Assert.Equal((host.Width, host.Height), (image.Width, image.Height));
        Assert.Equal(host.Warnings, direct.Warnings);
        Assert.Equal(host.SourceFormat, direct.Format);
        Assert.Equal(host.Metadata.Exif, direct.Metadata.Exif);
        Assert.Equal(host.Pixels, image.ToArray());
    }

    [Fact]
    public void A_damaged_file_fails_or_decodes_partly_as_on_the_host()
    {
        string path = TestImages.Path("bad", "corrupted.jpg");
        CodecException strictHost = Assert.Throws<CodecException>(() => ImageDecoder.Decode(path, new DecodeOptions()));
        CodecException strict = Assert.Throws<CodecException>(() => DecodeForCpu(path, new DecodeOptions()));
        Assert.Equal(strictHost.Kind, strict.Kind);
        Assert.Equal(strictHost.Reason, strict.Reason);

        DecodedImage host = ImageDecoder.Decode(path, new DecodeOptions { Lenient = true });
        using PendingImage lenient = DecodeForCpu(path, new DecodeOptions { Lenient = true });
        using CudaImage? image = lenient.TakeDeviceImage();
        Assert.NotEmpty(lenient.Warnings);

        // The same messages; their order is libjpeg's, which once differed on the GPU machine with the suite's other
        // decodes running beside this one ("found marker 0xd1 instead of RST" before "premature end of data segment").
        Assert.Equal(host.Warnings.Order(), lenient.Warnings.Order());
        Assert.Equal(host.Pixels, image!.ToArray());
    }

    private PendingImage DecodeForCpu(string path, DecodeOptions options) =>
        ImageDecoder.Decode(path, options, cpu, new DecodeMemoryBudget(1L << 30).OpenLine().Enqueue(), CancellationToken.None);

    public void Dispose() => cpu.Dispose();
}
