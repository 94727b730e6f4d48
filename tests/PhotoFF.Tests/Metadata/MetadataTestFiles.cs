using NetVips;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Metadata;

/// <summary>The EXIF blocks and ICC profiles of the shared test photos, as libvips hands them over.</summary>
internal static class MetadataTestFiles
{
    public static readonly string[] Photos = ["Canon_40D.jpg", "HMD_Nokia_8.3_5G.jpg", "iphone_hdr_YES.jpg", "jolla.jpg", "IMG_5195.HEIC"];

    public static IEnumerable<byte[]> ExifBlocks() => Photos.Select(name => Block(name, "exif-data")!);

    public static byte[]? Block(string photo, string field)
    {
        PhotoFF.Codecs.VipsRuntime.EnsureInitialized();
        using Image image = Image.NewFromFile(TestImages.Path("photos", photo), access: Enums.Access.Sequential);
        return image.Contains(field) ? (byte[])image.Get(field) : null;
    }
}
