using NetVips;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs;
using PhotoFF.Codecs.Gpu;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Cuda;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Gpu;

/// <summary>
/// The GPU encoder against libvips' at the same quality, on the GPU machine: files of similar size (within 15%) and
/// quality (PSNR against the source no more than 0.5 dB below libvips'), libvips' subsampling rule, transparency
/// flattened onto white, no metadata unless asked, and the files Export writes through it.
/// </summary>
public sealed class GpuJpegEncodeTests
{
    public static TheoryData<string, int> Qualities()
    {
        TheoryData<string, int> data = [];
        foreach (string photo in (string[])["jolla.jpg", "HMD_Nokia_8.3_5G.jpg"])
        {
            foreach (int quality in (int[])[50, 75, 89, 90, 95])
            {
                data.Add(photo, quality);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Qualities))]
    public void A_gpu_encoded_photo_is_like_libvips_own_at_the_same_quality(string photo, int quality)
    {
        GpuJpegEncoder encoder = TestNvjpeg.Codec.Encoder;
        (byte[] source, int width, int height) = Photo1920(photo);
        using CudaImage image = CudaImage.FromPixels(source, width, height, TestBackends.Cuda);

        byte[] gpu = encoder.Encode(image.Pixels, width, height, quality)!;
        byte[] vips = ImageEncoder.Encode(source, width, height, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Jpeg, Quality = quality });

        double gpuPsnr = TestNvjpeg.Psnr(source, ImageDecoder.Decode(gpu, new DecodeOptions()).Pixels);
        double vipsPsnr = TestNvjpeg.Psnr(source, ImageDecoder.Decode(vips, new DecodeOptions()).Pixels);
        double sizeRatio = (double)gpu.Length / vips.Length;
        TestNvjpeg.Report($"{photo} q{quality}: nvJPEG {gpu.Length} bytes, {gpuPsnr:0.00} dB; libvips {vips.Length} bytes, {vipsPsnr:0.00} dB; size ratio {sizeRatio:0.000}");
        Assert.InRange(sizeRatio, 0.85, 1.15);
        Assert.True(gpuPsnr >= vipsPsnr - 0.5, $"nvJPEG {gpuPsnr:0.00} dB, libvips {vipsPsnr:0.00} dB");

        JpegHeader header = JpegParser.Parse(gpu).Header!;
        Assert.Equal((width, height), (header.Width, header.Height));
        Assert.Equal(quality >= 90 ? (1, 1) : (2, 2), (header.Components[0].Horizontal, header.Components[0].Vertical));
        Assert.True(header.Metadata.IsEmpty, "nothing but pixels");
    }

    [Fact]
    public void The_flatten_kernel_composites_onto_white_as_libvips_flatten_within_1()
    {
        CudaBackend cuda = (CudaBackend)TestBackends.Cuda;
        const int width = 257;
        const int height = 129;
        byte[] rgba = RandomImages.Rgba(width, height, seed: 31);
        using CudaImage image = CudaImage.FromPixels(rgba, width, height, cuda);
        cuda.Context.MakeCurrent();
        using CudaStream stream = new(901);
        long pitch = 3L * width + 3;
        using CudaPixelBuffer rgb = cuda.AllocateOn(pitch * height, stream);

        cuda.FlattenToRgb(image.Pixels, width, height, rgb, pitch, stream);

        byte[] actual = new byte[pitch * height];
        cuda.Download(rgb, actual);
        using Image memory = Image.NewFromMemoryCopy(rgba, width, height, 4, Enums.BandFormat.Uchar);
        using Image flat = memory.Copy(interpretation: Enums.Interpretation.Srgb).Flatten(background: [255, 255, 255]);
        using Image bytes = flat.Format == Enums.BandFormat.Uchar ? flat.Copy() : flat.Cast(Enums.BandFormat.Uchar);
        byte[] expected = bytes.WriteToMemory<byte>();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < 3 * width; x++)
            {
                int difference = Math.Abs(expected[y * 3 * width + x] - actual[y * pitch + x]);
                Assert.True(difference <= 1, $"({x / 3},{y}) channel {x % 3}: libvips {expected[y * 3 * width + x]}, kernel {actual[y * pitch + x]}");
            }
        }
    }

    [Fact]
    public void Export_writes_jpeg_through_the_gpu_encoder_with_metadata_on_request()
    {
        GpuJpegEncoder encoder = TestNvjpeg.Codec.Encoder;
        using CodecAssert.TempFolder folder = new();
        string photo = TestImages.Path("photos", "Canon_40D.jpg");
        DecodedImage source = ImageDecoder.Decode(photo, new DecodeOptions());
        long before = encoder.Encoded;

        foreach ((string name, bool keep) in (ValueTuple<string, bool>[])[("plain.jpg", false), ("kept.jpg", true)])
        {
            using CudaImage image = CudaImage.FromPixels(source.Pixels, source.Width, source.Height, TestBackends.Cuda);
            using PendingExport export = PendingExport.Take(image, keepImage: false);
            export.WriteFile(folder.File(name), new EncodeOptions { Format = ImageFormat.Jpeg, KeepMetadata = keep },
                keep ? source.Metadata : ImageMetadata.None, overwrite: false);
            Assert.True(image.IsDisposed);
        }

        Assert.Equal(before + 2, encoder.Encoded);
        DecodedImage plain = ImageDecoder.Decode(folder.File("plain.jpg"), new DecodeOptions());
        DecodedImage kept = ImageDecoder.Decode(folder.File("kept.jpg"), new DecodeOptions());
        Assert.True(plain.Metadata.IsEmpty);
        Assert.Equal(ExifOrientation.WithOrientation1(source.Metadata.Exif!), kept.Metadata.Exif);
        Assert.Equal(source.Metadata.Icc, kept.Metadata.Icc);
        Assert.True(TestNvjpeg.Psnr(source.Pixels, plain.Pixels) > 30);
    }

    /// <summary>A test photo resized to 1920 wide by libvips: what the headline pipeline encodes.</summary>
    private static (byte[] Pixels, int Width, int Height) Photo1920(string name)
    {
        using Image photo = Image.NewFromFile(TestImages.Path("photos", name));
        using Image resized = photo.Resize(1920.0 / photo.Width);
        using Image rgba = resized.Bandjoin(255);
        return (rgba.WriteToMemory<byte>(), rgba.Width, rgba.Height);
    }
}
