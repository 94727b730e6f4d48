using NetVips;
using PhotoFF.Codecs;
using PhotoFF.Codecs.Heif;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>
/// The GPU path's arithmetic, checked on the CPU where there is no GPU: <see cref="YCbCrConversion.ToRgb8"/> (the
/// kernel's computation, step by step) on libheif's own YCbCr planes must give libheif's RGB exactly; the ICC table the
/// kernel looks colours up in must hold libvips' conversion of each.
/// </summary>
public sealed class HeifGpuArithmeticTests
{
    /// <summary>libde265's planes of each fixture's one tile, converted as the kernel converts them, against libheif's RGB
    /// of the file (untransformed fixtures only). The matrix is the nclx property's when the file has one, else what
    /// heif-enc writes into the VUI: libheif's default nclx (BT.601 matrix, full range).</summary>
    [Theory]
    [InlineData("single")]
    [InlineData("limited-range")]
    public void The_kernel_arithmetic_on_decoded_planes_gives_libheif_rgb(string name)
    {
        HeifFixtures.RequireLibHeif();
        var image = HeifReaderTests.Open(HeifFixtures.Heic(name));
        var planes = LibHeifPlanes.Decode(image.Coded.Tiles[0]);
        var nclx = image.Coded.Tiles[0].Nclx;
        var conversion = nclx is null ? YCbCrConversion.For(6, 1, fullRange: true) : YCbCrConversion.For(nclx.Matrix, nclx.Primaries, nclx.FullRange);
        var reference = ImageDecoder.Decode(HeifFixtures.Heic(name), new DecodeOptions());

        var rgba = Convert(planes, conversion, reference.Width, reference.Height);

        PixelAssert.Equal(reference.Pixels, rgba, reference.Width, tolerance: 0, context: name);
    }

    [Fact]
    public void Ten_bit_planes_reduce_to_libheifs_rounding()
    {
        HeifFixtures.RequireLibHeif();
        var image = HeifReaderTests.Open(HeifFixtures.Heic("ten-bit"));
        var planes = LibHeifPlanes.Decode(image.Coded.Tiles[0]);
        Assert.Equal(10, planes.BitDepth);
        var reference = ImageDecoder.Decode(HeifFixtures.Heic("ten-bit"), new DecodeOptions());

        var rgba = Convert(planes, YCbCrConversion.For(6, 1, fullRange: true), reference.Width, reference.Height);

        // The file turns the picture by 180 degrees (irot 2): compare against the reference turned back.
        var upright = new byte[rgba.Length];
        for (var i = 0; i < rgba.Length / 4; i++)
        {
            Array.Copy(reference.Pixels, 4 * (rgba.Length / 4 - 1 - i), upright, 4 * i, 4);
        }

        PixelAssert.Equal(upright, rgba, reference.Width, tolerance: 0, context: "ten-bit");
    }

    private static byte[] Convert(LibHeifPlanes.Planes planes, YCbCrConversion conversion, int width, int height)
    {
        Assert.True(planes.Width >= width && planes.Height >= height, $"{planes.Width}x{planes.Height} decoded for {width}x{height}");
        var chromaWidth = (planes.Width + 1) / 2;
        var rgba = new byte[4 * width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var chroma = y / 2 * chromaWidth + x / 2;
                var (r, g, b) = conversion.ToRgb8(planes.Y[y * planes.Width + x], planes.Cb[chroma], planes.Cr[chroma], planes.BitDepth);
                var at = 4 * (y * width + x);
                (rgba[at], rgba[at + 1], rgba[at + 2], rgba[at + 3]) = ((byte)r, (byte)g, (byte)b, 255);
            }
        }

        return rgba;
    }

    [Fact]
    public void Limited_range_bt709_coefficients_are_libheifs()
    {
        var conversion = YCbCrConversion.For(1, 1, fullRange: false);

        Assert.Equal(1.5748f, conversion.RCr, 4);
        Assert.Equal(-0.1873f, conversion.GCb, 4);
        Assert.Equal(-0.4681f, conversion.GCr, 4);
        Assert.Equal(1.8556f, conversion.BCb, 4);
        Assert.Equal((255, 255, 255), conversion.ToRgb8(235, 128, 128, 8));
        Assert.Equal((0, 0, 0), conversion.ToRgb8(16, 128, 128, 8));
        Assert.Equal((0, 0, 0), conversion.ToRgb8(64, 512, 512, 10));
    }

    [Fact]
    public void The_icc_table_holds_libvips_conversion_of_each_colour()
    {
        var icc = HeifReaderTests.Open(TestImages.Path("photos", "IMG_5195.HEIC")).Icc!;
        Assert.NotNull(IccTable.KeyFor(icc));
        var table = IccTable.For(icc);
        Assert.NotNull(table);

        var rgb = new byte[3 * 4096];
        new Random(5195).NextBytes(rgb);
        using var raw = Image.NewFromMemory(rgb, 4096, 1, 3, Enums.BandFormat.Uchar);
        using var srgb = raw.Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = srgb.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", icc));
        using var converted = tagged.IccTransform("srgb", embedded: true, depth: 8);
        var expected = converted.WriteToMemory<byte>();

        var changed = 0;
        for (var i = 0; i < 4096; i++)
        {
            var entry = table[rgb[3 * i] | (rgb[3 * i + 1] << 8) | (rgb[3 * i + 2] << 16)];
            Assert.Equal((expected[3 * i], expected[3 * i + 1], expected[3 * i + 2], (byte)255),
                ((byte)entry, (byte)(entry >> 8), (byte)(entry >> 16), (byte)(entry >> 24)));
            changed += entry != (rgb[3 * i] | ((uint)rgb[3 * i + 1] << 8) | ((uint)rgb[3 * i + 2] << 16) | 0xff000000u) ? 1 : 0;
        }

        Assert.True(changed > 2048, "the profile is not sRGB: most colours change");
    }
}
