using PhotoFF.Codecs.Heif;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>The container reader on a real iPhone photo and on the fixtures: the structure it finds, before any decoding.</summary>
public sealed class HeifReaderTests
{
    [Fact]
    public void An_iphone_photo_is_a_grid_of_hevc_tiles_with_an_icc_profile_and_exif()
    {
        var image = Open(TestImages.Path("photos", "IMG_5195.HEIC"));

        Assert.True(image.Coded.IsGrid);
        Assert.Equal((2566, 3313), (image.Width, image.Height));
        Assert.Equal((512, 512), (image.Coded.TileWidth, image.Coded.TileHeight));
        Assert.Equal((6, 7), (image.Coded.Columns, image.Coded.Rows));
        Assert.Equal(42, image.Coded.Tiles.Count);
        Assert.All(image.Coded.Tiles, tile => Assert.Equal(1, tile.Configuration.ChromaFormat));
        Assert.Equal(8, image.BitDepth);
        Assert.Null(image.Alpha);
        Assert.NotNull(image.Icc);
        Assert.Equal("Exif\0\0"u8.ToArray(), image.Exif![..6]);
        Assert.Contains("x:xmpmeta", System.Text.Encoding.UTF8.GetString(image.Xmp!));
        Assert.All(image.Transforms, t => Assert.Equal(new RotationProperty(0), t));
    }

    [Theory]
    [MemberData(nameof(HeifFixtures.All), MemberType = typeof(HeifFixtures))]
    public void Each_fixture_has_the_size_heif_convert_gives_it(string name, int width, int height)
    {
        var image = Open(HeifFixtures.Heic(name));

        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void Transformations_are_kept_in_association_order()
    {
        var image = Open(HeifFixtures.Heic("grid-transformed"));

        Assert.Collection(image.Transforms,
            t => Assert.IsType<CleanApertureProperty>(t),
            t => Assert.Equal(new RotationProperty(3), t),
            t => Assert.Equal(new MirrorProperty(LeftRight: false), t));
        Assert.Equal((260, 200), (image.Coded.Width, image.Coded.Height));
        Assert.Equal(4, image.Coded.Tiles.Count);
    }

    [Fact]
    public void Alpha_planes_and_bit_depths_are_found()
    {
        Assert.NotNull(Open(HeifFixtures.Heic("alpha")).Alpha);
        var gridAlpha = Open(HeifFixtures.Heic("grid-alpha")).Alpha;
        Assert.NotNull(gridAlpha);
        Assert.Equal(4, gridAlpha.Tiles.Count);
        Assert.Equal(0, gridAlpha.Tiles[0].Configuration.ChromaFormat);
        Assert.Null(Open(HeifFixtures.Heic("single")).Alpha);
        Assert.Equal(10, Open(HeifFixtures.Heic("ten-bit")).BitDepth);
    }

    [Fact]
    public void A_thumbnail_is_not_the_picture()
    {
        var container = HeifReader.Read(File.ReadAllBytes(HeifFixtures.Heic("thumbnail")));
        var thumbnail = Assert.Single(container.References, r => r.Type == FourCc.Thmb);

        var image = HeifPrimaryImage.Resolve(container)!;

        Assert.Equal([container.PrimaryId], thumbnail.To);
        Assert.Equal((176, 144), (image.Width, image.Height));
        Assert.Equal(container.PrimaryId, Assert.Single(image.Coded.Tiles).Item.Id);
    }

    [Fact]
    public void A_clean_aperture_rounds_as_libheif_does()
    {
        // 260x200 cropped to 201x157 with the centre moved by (-3.5, +5): left = floor(-3.5 + 129.5 - 100) = 26,
        // top = round(5 + 99.5 - 78) = round(26.5) = 27 (libheif rounds half up).
        var clap = new CleanApertureProperty(201, 1, 157, 1, -7, 2, 5, 1);

        Assert.Equal((26, 27, 201, 157), HeifTransform.Crop(clap, 260, 200));
    }

    [Fact]
    public void Tile_data_becomes_an_annex_b_stream_with_the_parameter_sets_first()
    {
        var tile = Open(HeifFixtures.Heic("single")).Coded.Tiles[0];

        var stream = tile.Configuration.ToAnnexB(tile.Data.Span);

        Assert.Equal(new byte[] { 0, 0, 0, 1, 0x40 }, stream[..5]); // start code, then the VPS (NAL type 32)
        var startCodes = Enumerable.Range(0, stream.Length - 3).Count(i => stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 0 && stream[i + 3] == 1);
        Assert.True(startCodes >= 4, $"{startCodes} NAL units: VPS, SPS, PPS and at least one slice");
    }

    internal static HeifPrimaryImage Open(string path) =>
        HeifPrimaryImage.Resolve(HeifReader.Read(File.ReadAllBytes(path))) ?? throw new InvalidOperationException("not HEVC");
}
