using NetVips;
using PhotoFF.Backends;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Jpeg;

/// <summary>The EXIF orientation: read as libvips reads it, patched to 1 in either byte order, and turned into the pixel
/// map the GPU kernel applies, which must be libvips' autorot.</summary>
public sealed class ExifOrientationTests
{
    public static TheoryData<string, int> OrientedFiles()
    {
        TheoryData<string, int> data = [];
        foreach (string set in (string[])["landscape", "portrait"])
        {
            for (int orientation = 1; orientation <= 8; orientation++)
            {
                data.Add(set, orientation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OrientedFiles))]
    public void The_orientation_is_read_as_libvips_reads_it_and_patched_to_1(string set, int orientation)
    {
        string path = TestImages.Path("exif", "orientation", $"{set}_{orientation}.jpg");
        using Image image = Image.NewFromFile(path);
        byte[] exif = (byte[])image.Get("exif-data");

        Assert.Equal((int)image.Get("orientation"), ExifOrientation.Read(exif));
        Assert.Equal(orientation, ExifOrientation.Read(exif));

        byte[] upright = ExifOrientation.WithOrientation1(exif)!;
        Assert.Equal(1, ExifOrientation.Read(upright));
        Assert.True(exif.Zip(upright).Count(pair => pair.First != pair.Second) <= 1, "only the value changes");
        Assert.Equal(orientation, ExifOrientation.Read(exif));
    }

    [Theory]
    [InlineData("portrait_1.jpg", (byte)'I')]
    [InlineData("landscape_6.jpg", (byte)'M')]
    public void Both_byte_orders_are_read_and_patched(string name, byte byteOrder)
    {
        byte[] original = (byte[])Image.NewFromFile(TestImages.Path("exif", "orientation", name)).Get("exif-data");
        Assert.Equal(byteOrder, original[6]);

        // libvips rewrites the block with orientation 8 in its own byte order.
        using Image tagged = JpegTestFiles.PhotoLike(16, 8, seed: 1).Mutate(m =>
        {
            m.Set(GValue.BlobType, "exif-data", original);
            m.Set(GValue.GIntType, "orientation", 8);
        });
        byte[] eight = (byte[])Image.NewFromBuffer(tagged.JpegsaveBuffer(keep: Enums.ForeignKeep.Exif)).Get("exif-data");
        Assert.Equal(byteOrder, eight[6]);
        Assert.Equal(8, ExifOrientation.Read(eight));

        byte[] upright = ExifOrientation.WithOrientation1(eight)!;
        Assert.Equal(1, ExifOrientation.Read(upright));
        byte[] spliced = JpegMetadataWriter.Splice(JpegTestFiles.Encode(16, 8, seed: 2), new PhotoFF.Imaging.ImageMetadata(eight, null, null))!;
        using Image reread = Image.NewFromBuffer(spliced);
        Assert.Equal(1, (int)reread.Get("orientation"));
        Assert.Equal(upright, (byte[])reread.Get("exif-data"));
    }

    [Fact]
    public void A_block_without_an_orientation_says_1_and_unreadable_blocks_say_nothing()
    {
        byte[] noTag = (byte[])Image.NewFromFile(TestImages.Path("photos", "jolla.jpg")).Get("exif-data");
        Assert.Equal(1, ExifOrientation.Read(noTag));

        byte[] header = [.. "Exif\0\0"u8];
        Assert.Null(ExifOrientation.Read([.. header, (byte)'X', (byte)'X', 42, 0, 8, 0, 0, 0, 0, 0]));
        Assert.Null(ExifOrientation.Read([.. header, (byte)'I', (byte)'I', 42, 0, 0xFF, 0xFF, 0xFF, 0x7F]));
        Assert.Null(ExifOrientation.Read([.. header, (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0xFF, 0x7F]));
        Assert.Null(ExifOrientation.Read("Exif"u8));
        Assert.Null(ExifOrientation.WithOrientation1([.. header, (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 1]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void The_pixel_map_of_each_orientation_is_libvips_autorot(int orientation)
    {
        const int width = 7;
        const int height = 5;
        byte[] stored = RandomImages.Opaque(width, height, seed: orientation);
        using Image image = Image.NewFromMemoryCopy(stored, width, height, 4, Enums.BandFormat.Uchar);
        using Image tagged = image.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        using Image rotated = tagged.Autorot();
        byte[] expected = rotated.WriteToMemory<byte>();

        AffinePixelMap map = ExifOrientation.Map(orientation, width, height);
        (int outWidth, int outHeight) = orientation >= 5 ? (height, width) : (width, height);
        Assert.Equal((rotated.Width, rotated.Height), (outWidth, outHeight));
        byte[] actual = new byte[expected.Length];
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                (int sx, int sy) = map.Source(x, y);
                Assert.InRange(sx, 0, width - 1);
                Assert.InRange(sy, 0, height - 1);
                stored.AsSpan((sy * width + sx) * 4, 4).CopyTo(actual.AsSpan((y * outWidth + x) * 4));
            }
        }

        Assert.Equal(expected, actual);
    }
}
