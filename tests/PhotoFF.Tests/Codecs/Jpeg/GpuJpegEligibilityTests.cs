using NetVips;
using PhotoFF.Codecs.Jpeg;

namespace PhotoFF.Tests.Codecs.Jpeg;

/// <summary>Which clean streams the GPU path takes: YCbCr and grey with the usual subsamplings and at most an sRGB
/// profile; RGB-coded streams and other profiles stay with libvips.</summary>
public sealed class GpuJpegEligibilityTests
{
    [Theory]
    [InlineData("photos/Canon_40D.jpg", true)]
    [InlineData("photos/HMD_Nokia_8.3_5G.jpg", true)]
    [InlineData("photos/iphone_hdr_YES.jpg", true)]
    [InlineData("photos/jolla.jpg", true)]
    [InlineData("exif/orientation/landscape_1.jpg", true)]
    [InlineData("exif/orientation/landscape_2.jpg", false)]
    [InlineData("exif/orientation/portrait_7.jpg", false)]
    public void Test_photos_take_the_path_their_colour_allows(string key, bool gpu)
    {
        JpegHeader header = JpegParser.Parse(File.ReadAllBytes(JpegTestFiles.PathOf(key))).Header!;

        string? why = GpuJpegEligibility.WhyNot(header);

        Assert.True(gpu == (why is null), $"{key}: {why ?? "GPU"}");
        if (!gpu)
        {
            Assert.Contains("ICC profile other than sRGB", why, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Enums.ForeignSubsample.On)]
    [InlineData(Enums.ForeignSubsample.Off)]
    public void Grey_and_colour_streams_with_usual_subsampling_take_the_gpu_path(Enums.ForeignSubsample subsample)
    {
        foreach (int bands in (int[])[1, 3])
        {
            JpegHeader header = JpegParser.Parse(JpegTestFiles.Encode(33, 17, seed: bands, bands, subsample: subsample)).Header!;
            Assert.Null(GpuJpegEligibility.WhyNot(header));
        }
    }

    [Fact]
    public void RGB_coded_streams_stay_with_libvips()
    {
        byte[] stream = JpegTestFiles.Encode(16, 16, seed: 5, quality: 95);
        JpegHeader header = JpegParser.Parse(stream).Header!;

        JpegHeader adobeRgb = With(header, adobeTransform: 0);
        Assert.Contains("Adobe colour transform 0", GpuJpegEligibility.WhyNot(adobeRgb), StringComparison.Ordinal);

        JpegHeader namedRgb = With(header, ids: "RGB"u8.ToArray(), jfif: false);
        Assert.Contains("ids R, G, B", GpuJpegEligibility.WhyNot(namedRgb), StringComparison.Ordinal);

        // With a JFIF header the same ids mean YCbCr, as libjpeg reads them.
        Assert.Null(GpuJpegEligibility.WhyNot(With(header, ids: "RGB"u8.ToArray(), jfif: true)));
    }

    [Fact]
    public void Unusual_chroma_layouts_stay_with_libvips()
    {
        JpegHeader header = JpegParser.Parse(JpegTestFiles.Encode(16, 16, seed: 6)).Header!;
        JpegHeader chromaSubsampledMore = header.With(components: [new(1, 1, 1, 0), new(2, 2, 2, 1), new(3, 1, 1, 1)]);

        Assert.Contains("unusual chroma subsampling", GpuJpegEligibility.WhyNot(chromaSubsampledMore), StringComparison.Ordinal);
    }

    private static JpegHeader With(JpegHeader header, int? adobeTransform = null, byte[]? ids = null, bool? jfif = null) =>
        header.With(
            components: ids is null ? null : header.Components.Select((c, i) => c with { Id = ids[i] }).ToArray(),
            adobeTransform: adobeTransform,
            jfif: jfif);
}

/// <summary>Variations on a parsed header, for the eligibility rules.</summary>
internal static class JpegHeaderVariations
{
    public static JpegHeader With(this JpegHeader header, IReadOnlyList<JpegComponent>? components = null, int? adobeTransform = null, bool? jfif = null) => new()
    {
        Width = header.Width,
        Height = header.Height,
        FrameMarker = header.FrameMarker,
        Components = components ?? header.Components,
        RestartInterval = header.RestartInterval,
        HasJfif = jfif ?? header.HasJfif,
        AdobeTransform = adobeTransform ?? header.AdobeTransform,
        Exif = header.Exif,
        Xmp = header.Xmp,
        Icc = header.Icc,
        Orientation = header.Orientation,
    };
}
