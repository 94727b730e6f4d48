using NetVips;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs;

/// <summary>
/// What the encoder writes is byte for byte what libvips' own savers write for the same pixels and settings (an opaque
/// image as RGB, JPEG with optimized Huffman tables, PNG at zlib level 1), and the image it hands libvips costs no garbage
/// collections (<see cref="VipsMemoryPressure"/>).
/// </summary>
public sealed class EncodedBytesTests
{
    [Theory]
    [InlineData(1, 1, 90)]
    [InlineData(17, 9, 90)]
    [InlineData(1921, 37, 90)]
    [InlineData(333, 211, 75)]
    [InlineData(640, 480, 100)]
    public void Jpeg_bytes_are_libvips_own(int width, int height, int quality)
    {
        byte[] pixels = RandomImages.Opaque(width, height, seed: width * 7 + height + quality);

        byte[] encoded = ImageEncoder.Encode(pixels, width, height, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Jpeg, Quality = quality });

        using Image rgb = RgbImage(pixels, width, height);
        Assert.Equal(rgb.JpegsaveBuffer(q: quality, optimizeCoding: true, keep: Enums.ForeignKeep.None), encoded);
    }

    [Fact]
    public void A_photo_encodes_to_libvips_own_jpeg_and_png_bytes()
    {
        DecodedImage photo = ImageDecoder.Decode(TestImages.Path("photos", "Canon_40D.jpg"), new DecodeOptions());

        byte[] jpeg = ImageEncoder.Encode(photo.Pixels, photo.Width, photo.Height, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Jpeg });
        byte[] png = ImageEncoder.Encode(photo.Pixels, photo.Width, photo.Height, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Png });

        using Image rgb = RgbImage(photo.Pixels, photo.Width, photo.Height);
        Assert.Equal(rgb.JpegsaveBuffer(q: 90, optimizeCoding: true, keep: Enums.ForeignKeep.None), jpeg);
        Assert.Equal(rgb.PngsaveBuffer(compression: ImageEncoder.PngCompression, keep: Enums.ForeignKeep.None), png);
    }

    [Fact]
    public void An_untracked_memory_image_reports_nothing_to_the_garbage_collector()
    {
        byte[] pixels = RandomImages.Opaque(64, 32, seed: 5);
        using Image tracked = Image.NewFromMemoryCopy(pixels.AsSpan(), 64, 32, 4, Enums.BandFormat.Uchar);
        using Image untracked = VipsMemoryPressure.Untracked(Image.NewFromMemoryCopy(pixels.AsSpan(), 64, 32, 4, Enums.BandFormat.Uchar));

        // The NetVips in use keeps the field (a rename would bring the induced collections back unnoticed).
        Assert.True(VipsMemoryPressure.IsAvailable);
        Assert.Equal(pixels.Length, VipsMemoryPressure.ReportedBytes(tracked));
        Assert.Equal(0, VipsMemoryPressure.ReportedBytes(untracked));
        Assert.Equal(tracked.WriteToMemory<byte>(), untracked.WriteToMemory<byte>());
    }

    /// <summary>The RGB bands of <paramref name="rgba"/>, alpha dropped by the test's own loop, as a libvips image.</summary>
    private static Image RgbImage(ReadOnlySpan<byte> rgba, int width, int height)
    {
        byte[] rgb = new byte[3 * width * height];
        for (int p = 0; p < width * height; p++)
        {
            rgb[3 * p] = rgba[4 * p];
            rgb[3 * p + 1] = rgba[4 * p + 1];
            rgb[3 * p + 2] = rgba[4 * p + 2];
        }

        return Image.NewFromMemoryCopy(rgb.AsSpan(), width, height, 3, Enums.BandFormat.Uchar);
    }
}
