using PhotoFF.Codecs;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Metadata;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Metadata;

/// <summary>
/// Header-only reads of the shared test photos. The expected values are what exiftool 12.57 (Debian's
/// libimage-exiftool-perl, an independent reader) prints with -n; the Pester suite compares with a live exiftool run.
/// </summary>
public sealed class MetadataReaderTests
{
    [Fact]
    public void A_phone_photo_with_an_offset_and_gps()
    {
        ImageFileMetadata read = MetadataReader.Read(TestImages.Path("photos", "HMD_Nokia_8.3_5G.jpg"));

        Assert.Equal(("jpeg", 4608, 1976, 1), (read.Format, read.Width, read.Height, read.Orientation));
        Assert.Equal(new DateTimeOffset(2022, 8, 14, 14, 12, 31, TimeSpan.FromHours(3)), Assert.IsType<DateTimeOffset>(read.DateTaken));
        Assert.Equal(TimeSpan.FromHours(3), ((DateTimeOffset)read.DateTaken!).Offset);
        Assert.Equal(("HMD Global", "Nokia 8.3 5G", "HMD Global Nokia 8.3 5G"), (read.Make, read.Model, read.Camera));
        Assert.Equal(0.000541, read.ExposureTime!.Value, 1e-9);
        Assert.Equal((2.2, 100, 2.75), (read.FNumber, read.Iso, read.FocalLength));
        Assert.Equal(60.1467055555556, read.Gps!.Latitude, 1e-9);
        Assert.Equal(24.9067722222222, read.Gps.Longitude, 1e-9);
        Assert.Null(read.Gps.Altitude);
        Assert.Null(read.ColorProfile);
    }

    [Fact]
    public void An_old_camera_photo_without_an_offset()
    {
        ImageFileMetadata read = MetadataReader.Read(TestImages.Path("photos", "Canon_40D.jpg"));

        Assert.Equal((100, 68), (read.Width, read.Height));
        Assert.Equal(new DateTime(2008, 5, 30, 15, 56, 1), Assert.IsType<DateTime>(read.DateTaken));
        Assert.Equal("Canon EOS 40D", read.Camera);
        Assert.Equal((0.00625, 7.1, 100, 135.0), (read.ExposureTime, read.FNumber, read.Iso, read.FocalLength));
        Assert.Null(read.Gps);
        Assert.Equal("sRGB IEC61966-2.1", read.ColorProfile);
    }

    [Fact]
    public void A_heic_with_altitude_lens_and_a_display_p3_profile()
    {
        ImageFileMetadata read = MetadataReader.Read(TestImages.Path("photos", "IMG_5195.HEIC"));

        Assert.Equal(("heif", 2566, 3313), (read.Format, read.Width, read.Height));
        Assert.Equal(new DateTimeOffset(2021, 4, 11, 15, 47, 53, 54, TimeSpan.FromHours(-5)), read.DateTaken);
        Assert.Equal("iPhone 11 Pro Max back triple camera 4.25mm f/1.8", read.Lens);
        Assert.Equal(32, read.Iso);
        Assert.Equal(39.0513444444444, read.Gps!.Latitude, 1e-9);
        Assert.Equal(-94.2887722222222, read.Gps.Longitude, 1e-9);
        Assert.Equal(260.5606383, read.Gps.Altitude!.Value, 1e-6);
        Assert.Equal("Display P3", read.ColorProfile);
    }

    [Fact]
    public void Iso_speed_alone_and_a_maker_named_twice()
    {
        ImageFileMetadata read = MetadataReader.Read(TestImages.Path("photos", "jolla.jpg"));

        Assert.Equal((320, "Jolla"), (read.Iso, read.Camera));
    }

    [Fact]
    public void A_tiff_without_exif_has_its_size_and_profile()
    {
        ImageFileMetadata read = MetadataReader.Read(TestImages.Path("photos", "BSG1.tiff"));

        Assert.Equal(("tiff", 635, 348), (read.Format, read.Width, read.Height));
        Assert.Null(read.DateTaken);
        Assert.Equal("Color LCD", read.ColorProfile);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    public void Orientation_turns_the_shown_size_and_matches_what_import_gives(int orientation)
    {
        string path = TestImages.Path("exif", "orientation", $"landscape_{orientation}.jpg");

        ImageFileMetadata read = MetadataReader.Read(path);

        Assert.Equal(orientation, read.Orientation);
        Assert.Equal(ImageDecoder.ReadSize(path), new ImageSize(read.Width, read.Height));
        bool turned = orientation >= 5;
        Assert.Equal(turned ? (read.Height, read.Width) : (read.Width, read.Height), (read.StoredWidth, read.StoredHeight));
    }

    [Fact]
    public void A_decoded_image_carries_the_same_values_by_name()
    {
        string path = TestImages.Path("photos", "HMD_Nokia_8.3_5G.jpg");
        ImageMetadata attached = ImageDecoder.Decode(path, new DecodeOptions()).Metadata;

        ImageFileMetadata read = MetadataReader.Read(path);

        Assert.Equal(read.DateTaken, attached.DateTaken);
        Assert.Equal(read.Camera, attached.Camera);
        Assert.Equal(read.Gps, attached.Gps);
        Assert.Equal("2022-08-14 14:12:31 +03:00, HMD Global Nokia 8.3 5G, GPS 60.146706, 24.906772", attached.ToString());
    }

    [Fact]
    public void A_damaged_exif_block_is_a_warning_and_the_rest_is_read()
    {
        string path = Path.Combine(Path.GetTempPath(), $"photoff-exif-{Guid.NewGuid():N}.jpg");
        byte[] jpeg = File.ReadAllBytes(TestImages.Path("photos", "jolla.jpg"));
        int exif = jpeg.AsSpan().IndexOf("Exif\0\0"u8);
        // The TIFF header's pointer to the primary directory, little-endian in this file: far outside the block.
        jpeg[exif + 6 + 4] = 0xF0;
        jpeg[exif + 6 + 7] = 0x7F;
        File.WriteAllBytes(path, jpeg);
        try
        {
            List<string> warnings = [];
            ImageFileMetadata read = MetadataReader.Read(path, warnings);

            Assert.Equal((3264, 2448), (read.Width, read.Height));
            Assert.Null(read.DateTaken);
            Assert.Contains(warnings, w => w.Contains("EXIF block is damaged", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_and_a_file_that_is_not_an_image_are_codec_errors()
    {
        Assert.Equal(CodecErrorKind.NotFound, Assert.Throws<CodecException>(() => MetadataReader.Read("/no/such/photo.jpg")).Kind);
        Assert.Equal(CodecErrorKind.Unsupported, Assert.Throws<CodecException>(() => MetadataReader.Read(TestImages.Path("README.md"))).Kind);
    }

    [Fact]
    public void Icc_descriptions_of_version_2_and_4_profiles()
    {
        Assert.Equal("sRGB IEC61966-2.1", IccProfile.Description(MetadataTestFiles.Block("Canon_40D.jpg", "icc-profile-data")));
        Assert.Equal("Display P3", IccProfile.Description(MetadataTestFiles.Block("IMG_5195.HEIC", "icc-profile-data")));
        Assert.Null(IccProfile.Description(new byte[200]));
    }
}
