using NetVips;
using PhotoFF.Codecs;
using PhotoFF.Codecs.Jpeg;
using PhotoFF.Imaging;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Jpeg;

/// <summary>Metadata spliced into an encoded JPEG reads back through libvips as libvips would have written it: EXIF with
/// orientation 1, XMP, an sRGB profile; the pixels untouched.</summary>
public sealed class JpegMetadataWriterTests
{
    [Theory]
    [InlineData("photos/Canon_40D.jpg")]
    [InlineData("photos/jolla.jpg")]
    [InlineData("photos/HMD_Nokia_8.3_5G.jpg")]
    [InlineData("exif/orientation/landscape_6.jpg")]
    [InlineData("exif/orientation/portrait_1.jpg")]
    public void Spliced_metadata_reads_back_through_libvips(string key)
    {
        ImageMetadata metadata = ImageDecoder.Decode(JpegTestFiles.PathOf(key), new DecodeOptions()).Metadata;
        byte[] plain = JpegTestFiles.Encode(64, 40, seed: key.Length);

        byte[] spliced = JpegMetadataWriter.Splice(plain, metadata)!;

        using Image written = Image.NewFromBuffer(spliced);
        Assert.Equal(ExifOrientation.WithOrientation1(metadata.Exif!), (byte[])written.Get("exif-data"));
        Assert.Equal(1, (int)written.Get("orientation"));
        Assert.Equal(metadata.Xmp, written.Contains("xmp-data") ? (byte[])written.Get("xmp-data") : null);
        bool srgb = metadata.Icc is not null && ColourManagement.IsSrgbProfile(metadata.Icc);
        Assert.Equal(srgb ? metadata.Icc : null, written.Contains("icc-profile-data") ? (byte[])written.Get("icc-profile-data") : null);
        Assert.NotNull(JpegParser.Parse(spliced).Header);
        using Image original = Image.NewFromBuffer(plain);
        Assert.Equal(original.WriteToMemory<byte>(), written.WriteToMemory<byte>());
    }

    [Fact]
    public void A_large_profile_is_split_into_numbered_chunks()
    {
        byte[] srgb = (byte[])Image.NewFromFile(TestImages.Path("photos", "Canon_40D.jpg")).Get("icc-profile-data");
        Assert.True(ColourManagement.IsSrgbProfile(srgb));

        // Pad a copy of the profile past one segment; the tag table still points inside the first 3 KiB.
        byte[] large = [.. srgb, .. new byte[150_000]];
        byte[] spliced = JpegMetadataWriter.Splice(JpegTestFiles.Encode(16, 16, seed: 2), new ImageMetadata(null, null, large))!;

        Assert.Equal(large, JpegParser.Parse(spliced).Header!.Icc);
        using Image written = Image.NewFromBuffer(spliced);
        Assert.Equal(large, (byte[])written.Get("icc-profile-data"));
    }

    [Fact]
    public void Blocks_too_big_for_a_segment_are_left_to_libvips()
    {
        byte[] plain = JpegTestFiles.Encode(16, 16, seed: 3);
        byte[] hugeXmp = new byte[70_000];

        Assert.Null(JpegMetadataWriter.Splice(plain, new ImageMetadata(null, hugeXmp, null)));
        Assert.Same(plain, JpegMetadataWriter.Splice(plain, ImageMetadata.None));
    }

    [Fact]
    public void The_segments_go_after_the_JFIF_header()
    {
        // libvips writes no JFIF header when it keeps no metadata: add one, as other encoders write it.
        byte[] bare = JpegTestFiles.Encode(16, 16, seed: 4);
        byte[] jfif = [0xFF, JpegMarker.App0, 0, 16, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        byte[] plain = [.. bare[..2], .. jfif, .. bare[2..]];
        byte[] exif = (byte[])Image.NewFromFile(TestImages.Path("photos", "jolla.jpg")).Get("exif-data");

        byte[] spliced = JpegMetadataWriter.Splice(plain, new ImageMetadata(exif, null, null))!;

        int app1 = 4 + (plain[4] << 8 | plain[5]);
        Assert.Equal(plain[..app1], spliced[..app1]);
        Assert.Equal([0xFF, JpegMarker.App1], spliced[app1..(app1 + 2)]);
    }
}
