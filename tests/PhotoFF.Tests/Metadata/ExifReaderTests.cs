using System.Globalization;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Tests.Metadata;

/// <summary>The EXIF parser on blocks written by <see cref="ExifBuilder"/> with random values, in both byte orders, and on
/// broken structures, which must be refused as <see cref="MetadataFormatException"/> and never read out of bounds.</summary>
public sealed class ExifReaderTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_values_read_back_as_they_were_written(int seed)
    {
        Random random = new(seed);
        bool littleEndian = random.Next(2) == 0;
        string make = RandomText(random);
        string model = RandomText(random);
        string lens = RandomText(random);
        (uint, uint) exposure = ((uint)random.Next(1, 100), (uint)random.Next(1, 8000));
        (uint, uint) fNumber = ((uint)random.Next(10, 320), 10);
        ushort iso = (ushort)random.Next(1, 65535);
        (uint, uint) focal = ((uint)random.Next(1, 100000), 100);
        DateTime taken = new DateTime(1990, 1, 1).AddSeconds(random.NextInt64(0, 40L * 365 * 86400));
        string subSeconds = random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
        TimeSpan zone = TimeSpan.FromMinutes(15 * random.Next(-12 * 4, 14 * 4 + 1));
        bool south = random.Next(2) == 0;
        bool west = random.Next(2) == 0;
        bool below = random.Next(2) == 0;
        (uint D, uint M, uint S) latitude = ((uint)random.Next(0, 90), (uint)random.Next(0, 60), (uint)random.Next(0, 6000));
        (uint D, uint M, uint S) longitude = ((uint)random.Next(0, 180), (uint)random.Next(0, 60), (uint)random.Next(0, 6000));
        uint altitude = (uint)random.Next(0, 900000);
        ushort orientation = (ushort)random.Next(1, 9);

        byte[] block = new ExifBuilder(littleEndian)
            .Ascii(ExifDirectoryKind.Primary, ExifTag.Make, make)
            .Ascii(ExifDirectoryKind.Primary, ExifTag.Model, model)
            .Short(ExifDirectoryKind.Primary, ExifTag.Orientation, orientation)
            .Rationals(ExifDirectoryKind.Exif, ExifTag.ExposureTime, exposure)
            .Rationals(ExifDirectoryKind.Exif, ExifTag.FNumber, fNumber)
            .Short(ExifDirectoryKind.Exif, ExifTag.PhotographicSensitivity, iso)
            .Rationals(ExifDirectoryKind.Exif, ExifTag.FocalLength, focal)
            .Ascii(ExifDirectoryKind.Exif, ExifTag.DateTimeOriginal, taken.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture))
            .Ascii(ExifDirectoryKind.Exif, ExifTag.SubSecTimeOriginal, subSeconds)
            .Ascii(ExifDirectoryKind.Exif, ExifTag.OffsetTimeOriginal, Offset(zone))
            .Ascii(ExifDirectoryKind.Exif, ExifTag.LensModel, lens)
            .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLatitudeRef, south ? "S" : "N")
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLatitude, (latitude.D, 1), (latitude.M, 1), (latitude.S, 100))
            .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLongitudeRef, west ? "W" : "E")
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLongitude, (longitude.D, 1), (longitude.M, 1), (longitude.S, 100))
            .Byte(ExifDirectoryKind.Gps, ExifTag.GpsAltitudeRef, below ? (byte)1 : (byte)0)
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsAltitude, (altitude, 100))
            .Build(exifPrefix: random.Next(2) == 0);

        PhotoProperties read = PhotoPropertiesReader.Read(block, null);

        Assert.Equal(make, read.Make);
        Assert.Equal(model, read.Model);
        Assert.Equal(lens, read.Lens);
        Assert.Equal(orientation, read.Orientation);
        Assert.Equal((double)exposure.Item1 / exposure.Item2, read.ExposureTime!.Value, Tolerance);
        Assert.Equal(fNumber.Item1 / 10.0, read.FNumber!.Value, Tolerance);
        Assert.Equal(iso, read.Iso);
        Assert.Equal(focal.Item1 / 100.0, read.FocalLength!.Value, Tolerance);
        var expectedTaken = new DateTimeOffset(taken.AddMilliseconds(int.Parse(subSeconds, CultureInfo.InvariantCulture)), zone);
        Assert.Equal(expectedTaken, Assert.IsType<DateTimeOffset>(read.DateTaken));
        Assert.Equal(expectedTaken.Offset, ((DateTimeOffset)read.DateTaken!).Offset);
        GpsPosition gps = Assert.IsType<GpsPosition>(read.Gps);
        Assert.Equal((south ? -1 : 1) * (latitude.D + (latitude.M / 60.0) + (latitude.S / 100.0 / 3600)), gps.Latitude, Tolerance);
        Assert.Equal((west ? -1 : 1) * (longitude.D + (longitude.M / 60.0) + (longitude.S / 100.0 / 3600)), gps.Longitude, Tolerance);
        Assert.Equal((below ? -1 : 1) * altitude / 100.0, gps.Altitude!.Value, Tolerance);
        Assert.Null(read.ColorProfile);
    }

    [Fact]
    public void A_date_without_an_offset_is_a_DateTime_of_unspecified_kind()
    {
        byte[] block = new ExifBuilder(littleEndian: true)
            .Ascii(ExifDirectoryKind.Exif, ExifTag.DateTimeOriginal, "2008:05:30 15:56:01")
            .Build();

        DateTime taken = Assert.IsType<DateTime>(PhotoPropertiesReader.Read(block, null).DateTaken);

        Assert.Equal(new DateTime(2008, 5, 30, 15, 56, 1), taken);
        Assert.Equal(DateTimeKind.Unspecified, taken.Kind);
    }

    [Theory]
    [InlineData("2008:05:30 15:56:01", null, null, "2008-05-30T15:56:01.0000000")]
    [InlineData("2008:05:30 15:56:01", "5", null, "2008-05-30T15:56:01.5000000")]
    [InlineData("2008:05:30 15:56:01", "054", "-05:00", "2008-05-30T15:56:01.0540000-05:00")]
    [InlineData("2008:05:30 15:56:01", "12345678", "+14:00", "2008-05-30T15:56:01.1234567+14:00")]
    [InlineData("2008:05:30 15:56:01", "x1", "+3:00", "2008-05-30T15:56:01.0000000")]
    [InlineData("2008:05:30 15:56:01", null, "+15:00", "2008-05-30T15:56:01.0000000")]
    [InlineData("0000:00:00 00:00:00", null, null, null)]
    [InlineData("    :  :     :  :  ", null, null, null)]
    [InlineData("2008:02:30 15:56:01", null, null, null)]
    [InlineData("2008-05-30 15:56:01", null, null, null)]
    public void Exif_dates_are_read_strictly(string text, string? subSeconds, string? offset, string? expected)
    {
        object? parsed = ExifDate.Parse(text, subSeconds, offset);

        string? roundTrip = parsed switch
        {
            DateTimeOffset zoned => zoned.ToString("o", CultureInfo.InvariantCulture),
            DateTime local => local.ToString("o", CultureInfo.InvariantCulture),
            _ => null,
        };
        Assert.Equal(expected, roundTrip);
    }

    [Fact]
    public void Gps_without_a_reference_or_with_minutes_out_of_range_is_no_position()
    {
        byte[] noReference = new ExifBuilder(littleEndian: false)
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLatitude, (60, 1), (8, 1), (48, 1))
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLongitude, (24, 1), (54, 1), (24, 1))
            .Build();
        byte[] badMinutes = new ExifBuilder(littleEndian: false)
            .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLatitudeRef, "N")
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLatitude, (60, 1), (61, 1), (48, 1))
            .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLongitudeRef, "E")
            .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLongitude, (24, 1), (54, 1), (24, 1))
            .Build();

        Assert.Null(PhotoPropertiesReader.Read(noReference, null).Gps);
        Assert.Null(PhotoPropertiesReader.Read(badMinutes, null).Gps);
    }

    [Fact]
    public void Zero_denominators_and_wrong_types_give_no_value_instead_of_a_guess()
    {
        byte[] block = new ExifBuilder(littleEndian: true)
            .Rationals(ExifDirectoryKind.Exif, ExifTag.ExposureTime, (1, 0))
            .Ascii(ExifDirectoryKind.Exif, ExifTag.FNumber, "2.8")
            .Short(ExifDirectoryKind.Primary, ExifTag.Orientation, 9)
            .Ascii(ExifDirectoryKind.Primary, ExifTag.Make, "   ")
            .Build();

        PhotoProperties read = PhotoPropertiesReader.Read(block, null);

        Assert.Null(read.ExposureTime);
        Assert.Null(read.FNumber);
        Assert.Null(read.Orientation);
        Assert.Null(read.Make);
    }

    [Fact]
    public void Iso_falls_back_to_IsoSpeed_when_PhotographicSensitivity_is_absent()
    {
        byte[] block = new ExifBuilder(littleEndian: true)
            .Entry(ExifDirectoryKind.Exif, ExifTag.IsoSpeed, TiffType.Long, 1, BitConverter.GetBytes(320u))
            .Build();

        Assert.Equal(320, PhotoPropertiesReader.Read(block, null).Iso);
    }

    [Fact]
    public void A_value_outside_the_block_is_dropped_and_the_rest_is_read()
    {
        byte[] block = new ExifBuilder(littleEndian: true)
            .Ascii(ExifDirectoryKind.Primary, ExifTag.Make, "Canon")
            .Ascii(ExifDirectoryKind.Primary, ExifTag.Model, "Canon EOS 40D")
            .Build(exifPrefix: false);
        TiffLayout layout = TiffLayout.Parse(block);
        TiffEntry model = layout.Find(ExifDirectoryKind.Primary, ExifTag.Model)!.Value;
        layout.WriteUInt32(model.EntryOffset + 8, (uint)block.Length - 4);

        PhotoProperties read = PhotoPropertiesReader.Read(block, null);

        Assert.Equal("Canon", read.Make);
        Assert.Null(read.Model);
    }

    [Fact]
    public void A_directory_that_points_back_to_itself_is_refused()
    {
        byte[] block = new ExifBuilder(littleEndian: true)
            .Short(ExifDirectoryKind.Exif, ExifTag.PhotographicSensitivity, 100)
            .Build(exifPrefix: false);
        TiffLayout layout = TiffLayout.Parse(block);
        TiffEntry pointer = layout.Find(ExifDirectoryKind.Primary, ExifTag.ExifPointer)!.Value;
        layout.WriteUInt32(pointer.EntryOffset + 8, 8);

        var e = Assert.Throws<MetadataFormatException>(() => PhotoPropertiesReader.Read(block, null));
        Assert.Contains("loop", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42 })]
    [InlineData(new byte[] { (byte)'X', (byte)'X', 42, 0, 8, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 43, 0, 8, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'M', (byte)'M', 0, 42, 0xFF, 0xFF, 0xFF, 0xF0, 0, 0 })]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0xFF, 0xFF, 0, 0 })]
    public void Broken_headers_and_directories_are_refused(byte[] block)
    {
        Assert.Throws<MetadataFormatException>(() => PhotoPropertiesReader.Read([.. "Exif\0\0"u8, .. block], null));
    }

    [Fact]
    public void Every_truncation_of_a_block_is_read_or_refused_cleanly()
    {
        byte[] block = FullBlock(new Random(7), littleEndian: false);

        for (int length = 0; length < block.Length; length++)
        {
            ReadOrRefuse(block[..length]);
        }
    }

    [Fact]
    public void Random_corruptions_of_real_and_written_blocks_are_read_or_refused_cleanly()
    {
        Random random = new(20261129);
        List<byte[]> seeds = [.. MetadataTestFiles.ExifBlocks(), FullBlock(random, littleEndian: true), FullBlock(random, littleEndian: false)];
        int refused = 0;
        for (int round = 0; round < 20000; round++)
        {
            byte[] block = (byte[])seeds[round % seeds.Count].Clone();
            int flips = 1 + random.Next(8);
            for (int i = 0; i < flips; i++)
            {
                // Most flips land in the directories near the start, where the structure is.
                int at = random.Next(2) == 0 ? random.Next(Math.Min(block.Length, 256)) : random.Next(block.Length);
                block[at] = (byte)random.Next(256);
            }

            refused += ReadOrRefuse(block) ? 0 : 1;
        }

        Assert.InRange(refused, 1, 19999);
    }

    private static bool ReadOrRefuse(byte[] block)
    {
        try
        {
            PhotoProperties read = PhotoPropertiesReader.Read(block, null);
            Assert.True(read.Gps is null || (Math.Abs(read.Gps.Latitude) <= 90 && Math.Abs(read.Gps.Longitude) <= 180));
            return true;
        }
        catch (MetadataFormatException)
        {
            return false;
        }
    }

    private static byte[] FullBlock(Random random, bool littleEndian) => new ExifBuilder(littleEndian)
        .Ascii(ExifDirectoryKind.Primary, ExifTag.Make, RandomText(random))
        .Ascii(ExifDirectoryKind.Primary, ExifTag.Model, RandomText(random))
        .Short(ExifDirectoryKind.Primary, ExifTag.Orientation, 6)
        .Rationals(ExifDirectoryKind.Exif, ExifTag.ExposureTime, (1, 250))
        .Ascii(ExifDirectoryKind.Exif, ExifTag.DateTimeOriginal, "2024:02:29 23:59:59")
        .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLatitudeRef, "S")
        .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLatitude, (33, 1), (51, 1), (3544, 100))
        .Ascii(ExifDirectoryKind.Gps, ExifTag.GpsLongitudeRef, "E")
        .Rationals(ExifDirectoryKind.Gps, ExifTag.GpsLongitude, (151, 1), (12, 1), (4080, 100))
        .Thumbnail([0xFF, 0xD8, .. Enumerable.Range(0, 64).Select(i => (byte)i), 0xFF, 0xD9])
        .Build();

    private static string RandomText(Random random)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -./";
        int length = random.Next(1, 40);
        string text = new(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        return text.Trim().Length == 0 ? "X" : text.Trim();
    }

    private static string Offset(TimeSpan zone) =>
        (zone < TimeSpan.Zero ? "-" : "+") + zone.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
