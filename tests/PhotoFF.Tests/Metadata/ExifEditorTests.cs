using System.Text;
using PhotoFF.Imaging;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Tests.Metadata;

/// <summary>Removing metadata groups: what is removed is gone from the bytes, what is kept reads back unchanged, and a
/// block that cannot be edited safely is dropped with a warning.</summary>
public sealed class ExifEditorTests
{
    private static readonly MetadataGroup[][] GroupSets =
    [
        [MetadataGroup.Gps], [MetadataGroup.Camera], [MetadataGroup.Thumbnail],
        [MetadataGroup.Gps, MetadataGroup.Thumbnail], [MetadataGroup.Gps, MetadataGroup.Camera, MetadataGroup.Thumbnail],
    ];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 30));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Removed_groups_are_gone_from_the_bytes_and_the_rest_reads_back_unchanged(int seed)
    {
        Random random = new(seed);
        byte[] makerNote = RandomBytes(random, 40 + random.Next(200));
        byte[] thumbnail = [0xFF, 0xD8, .. RandomBytes(random, 100 + random.Next(400)), 0xFF, 0xD9];
        byte[] block = new ExifBuilder(random.Next(2) == 0)
            .Ascii(ExifDirectoryKind.Primary, ExifTag.Make, "Maker " + random.Next(1000))
            .Ascii(ExifDirectoryKind.Primary, ExifTag.Model, "Model " + random.Next(1000))
            .Short(ExifDirectoryKind.Primary, ExifTag.Orientation, (ushort)random.Next(1, 9))
            .Rationals(ExifDirectoryKind.Exif, ExifTag.ExposureTime, (1, (uint)random.Next(2, 8000)))
            .Ascii(ExifDirectoryKind.Exif, ExifTag.DateTimeOriginal, "2023:07:0" + random.Next(1, 10) + " 12:34:56")
            .Ascii(ExifDirectoryKind.Exif, ExifTag.LensModel, "Lens " + random.Next(1000))
            .Ascii(ExifDirectoryKind.Exif, ExifTag.BodySerialNumber, "SN" + random.Next(100000, 999999))
            .Entry(ExifDirectoryKind.Exif, ExifTag.MakerNote, TiffType.Undefined, (uint)makerNote.Length, makerNote)
            .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLatitudeRef, "N")
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLatitude, ((uint)random.Next(90), 1), ((uint)random.Next(60), 1), ((uint)random.Next(1, 6000), 100))
            .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLongitudeRef, "W")
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLongitude, ((uint)random.Next(180), 1), ((uint)random.Next(60), 1), ((uint)random.Next(1, 6000), 100))
            .Thumbnail(thumbnail)
            .Build(exifPrefix: random.Next(2) == 0);
        TiffLayout before = TiffLayout.Parse(block);
        PhotoProperties original = PhotoPropertiesReader.Read(block, null);
        MetadataGroup[] groups = GroupSets[seed % GroupSets.Length];

        byte[] edited = ExifEditor.Remove(block, groups.ToHashSet());

        Assert.Equal(block.Length, edited.Length);
        TiffLayout after = TiffLayout.Parse(edited);
        PhotoProperties read = PhotoPropertiesReader.Read(edited, null);
        bool gps = groups.Contains(MetadataGroup.Gps);
        bool camera = groups.Contains(MetadataGroup.Camera);
        bool thumb = groups.Contains(MetadataGroup.Thumbnail);
        Assert.Equal(gps ? null : original.Gps, read.Gps);
        Assert.Equal(camera ? (null, null, null) : (original.Make, original.Model, original.Lens), (read.Make, read.Model, read.Lens));
        Assert.Equal((original.Orientation, original.ExposureTime, original.DateTaken), (read.Orientation, read.ExposureTime, read.DateTaken));
        Assert.Equal(gps, after.Directory(ExifDirectoryKind.Gps) is null);
        Assert.Equal(thumb, after.Directory(ExifDirectoryKind.Thumbnail) is null);
        Assert.Equal(camera, after.Find(ExifDirectoryKind.Exif, ExifTag.MakerNote) is null);
        Assert.Equal(camera, after.Find(ExifDirectoryKind.Exif, ExifTag.BodySerialNumber) is null);

        // No byte of what was removed is left anywhere in the block.
        foreach (TiffEntry entry in before.Directories.SelectMany(d => d.Entries).Where(e => e.IsOutOfLine))
        {
            bool removed = (gps && entry.Directory == ExifDirectoryKind.Gps) || (thumb && entry.Directory == ExifDirectoryKind.Thumbnail) ||
                (camera && entry.Tag is ExifTag.MakerNote or ExifTag.BodySerialNumber or ExifTag.LensModel or ExifTag.Make or ExifTag.Model);
            Assert.Equal(!removed, edited.AsSpan().IndexOf(block.AsSpan(entry.ValueOffset, entry.ValueLength)) >= 0);
        }

        Assert.Equal(!thumb, edited.AsSpan().IndexOf(thumbnail) >= 0);
    }

    [Theory]
    [InlineData("Canon_40D.jpg")]
    [InlineData("HMD_Nokia_8.3_5G.jpg")]
    [InlineData("iphone_hdr_YES.jpg")]
    [InlineData("jolla.jpg")]
    [InlineData("IMG_5195.HEIC")]
    public void Real_blocks_lose_the_position_and_keep_the_rest(string photo)
    {
        byte[] block = MetadataTestFiles.Block(photo, "exif-data")!;
        PhotoProperties original = PhotoPropertiesReader.Read(block, null);

        PhotoProperties withoutGps = PhotoPropertiesReader.Read(ExifEditor.Remove(block, new HashSet<MetadataGroup> { MetadataGroup.Gps }), null);
        PhotoProperties withoutCamera = PhotoPropertiesReader.Read(ExifEditor.Remove(block, new HashSet<MetadataGroup> { MetadataGroup.Camera }), null);

        Assert.Equal(original with { Gps = null }, withoutGps);
        Assert.Equal(original with { Make = null, Model = null, Lens = null }, withoutCamera);
    }

    [Fact]
    public void A_damaged_block_is_left_out_with_a_warning_when_something_is_to_be_removed()
    {
        byte[] broken = [.. "Exif\0\0"u8, (byte)'I', (byte)'I', 42, 0, 0xF0, 0xFF, 0, 0];
        ImageMetadata metadata = new(broken, null, [1, 2, 3]);
        List<string> warnings = [];

        ImageMetadata kept = metadata.Without([MetadataGroup.Gps], warnings);

        Assert.Null(kept.Exif);
        Assert.Equal(metadata.Icc, kept.Icc);
        Assert.Contains("EXIF block was left out", Assert.Single(warnings));
        Assert.Same(metadata, metadata.Without([]));
    }

    [Fact]
    public void Xmp_and_icc_groups_drop_the_whole_packet_or_profile()
    {
        ImageMetadata metadata = new(null, Encoding.UTF8.GetBytes(Xmp), [1, 2, 3]);

        Assert.Null(metadata.Without([MetadataGroup.Xmp]).Xmp);
        Assert.Null(metadata.Without([MetadataGroup.Icc]).Icc);
        Assert.Equal(metadata.Xmp, metadata.Without([MetadataGroup.Icc]).Xmp);
    }

    [Fact]
    public void Xmp_loses_gps_and_location_properties_in_attributes_and_elements()
    {
        string edited = Encoding.UTF8.GetString(XmpEditor.Remove(Encoding.UTF8.GetBytes(Xmp), new HashSet<MetadataGroup> { MetadataGroup.Gps }));

        Assert.DoesNotContain("GPSLatitude", edited);
        Assert.DoesNotContain("GPSLongitude", edited);
        Assert.DoesNotContain("Helsinki", edited);
        Assert.DoesNotContain("Senate Square", edited);
        Assert.Contains("tiff:Make=\"HMD Global\"", edited);
        Assert.Contains("SN-12345", edited);
        Assert.Contains("2022-08-14T14:12:31", edited);
    }

    [Fact]
    public void Xmp_loses_camera_properties()
    {
        string edited = Encoding.UTF8.GetString(XmpEditor.Remove(Encoding.UTF8.GetBytes(Xmp), new HashSet<MetadataGroup> { MetadataGroup.Camera }));

        Assert.DoesNotContain("HMD Global", edited);
        Assert.DoesNotContain("SN-12345", edited);
        Assert.DoesNotContain("Nokia lens", edited);
        Assert.Contains("GPSLatitude", edited);
    }

    [Fact]
    public void A_packet_that_is_not_xml_is_left_out_with_a_warning()
    {
        ImageMetadata metadata = new(null, "<x:xmpmeta><rdf:RDF>"u8.ToArray(), null);
        List<string> warnings = [];

        Assert.Null(metadata.Without([MetadataGroup.Gps], warnings).Xmp);
        Assert.Contains("XMP packet was left out", Assert.Single(warnings));
        Assert.Throws<MetadataFormatException>(() => XmpEditor.Remove("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"u8.ToArray(), new HashSet<MetadataGroup> { MetadataGroup.Gps }));
    }

    private const string Xmp = """
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:exif="http://ns.adobe.com/exif/1.0/"
            xmlns:tiff="http://ns.adobe.com/tiff/1.0/"
            xmlns:aux="http://ns.adobe.com/exif/1.0/aux/"
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
            xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            exif:GPSLatitude="60,8.8023N"
            tiff:Make="HMD Global"
            aux:SerialNumber="SN-12345"
            photoshop:City="Helsinki"
            xmp:CreateDate="2022-08-14T14:12:31">
           <exif:GPSLongitude>24,54.4063E</exif:GPSLongitude>
           <aux:Lens>Nokia lens</aux:Lens>
           <Iptc4xmpCore:Location>Senate Square</Iptc4xmpCore:Location>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """;

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
