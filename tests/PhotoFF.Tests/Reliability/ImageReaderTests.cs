using NetVips;
using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Tests.Codecs;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Reliability;

/// <summary>Reading the header first and the pixels into any buffer (issue 6, items 4, 5 and 8).</summary>
public sealed class ImageReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Orienting_strip_by_strip_equals_libvips_autorot(int orientation)
    {
        const int Width = 37, Height = 23;
        byte[] stored = RandomImages.Rgba(Width, Height, seed: orientation);
        bool swaps = OrientedRows.SwapsAxes(orientation);
        byte[] oriented = RandomImages.Poison(stored.Length);
        Random random = new(orientation);
        for (int top = 0; top < Height;)
        {
            int rows = Math.Min(random.Next(1, 6), Height - top);
            OrientedRows.CopyRows(stored.AsSpan(top * Width * 4, rows * Width * 4), top, rows, Width, Height, orientation, oriented);
            top += rows;
        }

        using Image image = Image.NewFromMemoryCopy(stored, Width, Height, 4, Enums.BandFormat.Uchar);
        using Image tagged = image.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        using Image expected = tagged.Autorot();
        Assert.Equal((swaps ? Height : Width, swaps ? Width : Height), (expected.Width, expected.Height));
        PixelAssert.Equal(expected.WriteToMemory<byte>(), oriented, expected.Width);
    }

    [Fact]
    public void The_header_gives_size_format_and_the_memory_a_decode_takes_before_any_pixel_is_decoded()
    {
        using ImageReader photo = ImageDecoder.Open(TestImages.Path("exif", "orientation", "landscape_6.jpg"), new DecodeOptions());
        Assert.Equal(new ImageSize(600, 450), photo.Size);
        Assert.Equal("jpeg", photo.Format);
        Assert.Equal(4L * 600 * 450, photo.PixelBytes);
        Assert.InRange(photo.DecodeBytes, photo.PixelBytes, photo.PixelBytes + (64L << 20));

        // WebP and interlaced PNG decode the whole stored image before the first strip: that counts too.
        using CodecAssert.TempFolder folder = new();
        string webp = folder.File("a.webp");
        File.WriteAllBytes(webp, ImageEncoder.Encode(RandomImages.Opaque(300, 200, seed: 3), 300, 200, ImageMetadata.None, new EncodeOptions { Format = ImageFormat.Webp }));
        using ImageReader whole = ImageDecoder.Open(webp, new DecodeOptions());
        Assert.True(whole.DecodeBytes >= whole.PixelBytes + 3L * 300 * 200, $"{whole.DecodeBytes} bytes for a WebP of {whole.PixelBytes}");
    }

    [Fact]
    public void Reading_into_native_memory_gives_the_pixels_of_the_array_decode()
    {
        string file = TestImages.Path("exif", "orientation", "portrait_8.jpg");
        DecodedImage expected = ImageDecoder.Decode(file, new DecodeOptions());
        DecodeMemoryBudget budget = new(64L << 20);

        using (PendingImage decoded = ImageDecoder.Decode(file, new DecodeOptions(), TestBackends.Cpu, budget.OpenLine().Enqueue(), Waits.Test))
        {
            Assert.Equal((expected.Width, expected.Height), (decoded.Width, decoded.Height));
            // For the CPU backend the pixels land in a buffer of its pool (native memory too), as an image on the backend.
            using CudaImage? image = decoded.TakeDeviceImage();
            byte[] pixels = image?.ToArray() ?? decoded.Pixels.ToArray();
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(pixels));
            Assert.True(budget.BytesInUse >= pixels.Length, "the decoded pixels hold their share of the budget");
        }

        Assert.Equal(0, budget.BytesInUse);
    }

    [Fact]
    public async Task A_cancelled_decode_stops_and_gives_its_budget_back()
    {
        DecodeMemoryBudget budget = new(256L << 20);
        using CancellationTokenSource stop = new();
        stop.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ImageDecoder.Decode(TestImages.Path("photos", "HMD_Nokia_8.3_5G.jpg"), new DecodeOptions(), TestBackends.Cpu, budget.OpenLine().Enqueue(), stop.Token));

        Assert.Equal(0, budget.BytesInUse);
        using DecodeMemoryBudget.Ticket next = budget.OpenLine().Enqueue();
        Assert.True(await Waits.Run(() => next.Reserve(1, null, Waits.Test)).FinishesWithin(TimeSpan.FromSeconds(10)), "the cancelled decode kept its turn");
    }

    [Fact]
    public void A_decode_that_alone_exceeds_the_budget_is_refused_naming_the_file()
    {
        string file = TestImages.Path("photos", "jolla.jpg");
        CodecException error = Assert.Throws<CodecException>(() =>
            ImageDecoder.Decode(file, new DecodeOptions(), TestBackends.Cpu, new DecodeMemoryBudget(1 << 20).OpenLine().Enqueue(), Waits.Test));
        Assert.Equal(CodecErrorKind.TooLarge, error.Kind);
        Assert.Equal(file, error.Path);
    }

    [Fact]
    public void Pixels_are_read_once_into_a_buffer_of_exactly_their_size()
    {
        using ImageReader reader = ImageDecoder.Open(TestImages.Path("photos", "Canon_40D.jpg"), new DecodeOptions());
        Assert.Throws<ArgumentException>(() => reader.ReadPixels(new byte[reader.PixelBytes + 4], Waits.Test));
        reader.ReadPixels(new byte[reader.PixelBytes], Waits.Test);
        Assert.Throws<InvalidOperationException>(() => reader.ReadPixels(new byte[reader.PixelBytes], Waits.Test));
    }

    [Fact]
    public void An_animation_reports_its_frames_and_only_the_first_is_read()
    {
        using CodecAssert.TempFolder folder = new();
        string gif = folder.File("two.gif");
        byte[] frame = [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00];
        byte[] control = [0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00];
        File.WriteAllBytes(gif, [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, .. control, .. frame, .. control, .. frame, 0x3B]);

        DecodedImage decoded = ImageDecoder.Decode(gif, new DecodeOptions());

        Assert.Equal((1, 1), (decoded.Width, decoded.Height));
        Assert.Contains(decoded.Warnings, w => w.Contains("2 frames", StringComparison.Ordinal) && w.Contains("only the first", StringComparison.Ordinal));
    }

    [Fact]
    public void The_header_size_is_read_whatever_the_pixel_limit()
    {
        Assert.Equal(new ImageSize(3264, 2448), ImageDecoder.ReadSize(TestImages.Path("photos", "jolla.jpg")));
        Assert.Throws<CodecException>(() => ImageDecoder.Open(TestImages.Path("photos", "jolla.jpg"), new DecodeOptions { MaxPixels = 1000 }));
    }
}
