using System.Runtime.InteropServices;
using PhotoFF.Codecs.Heif;

namespace PhotoFF.Tests.Codecs.Heif;

/// <summary>
/// The raw YCbCr planes of an HEVC tile as libde265 (libheif's HEVC decoder on Debian) reconstructs them: the input on
/// which the GPU kernel's arithmetic is checked against libheif's RGB output, without a GPU. (libheif 1.15 itself hands
/// out YCbCr only after a round trip through RGB.) Test-only bindings of libde265's de265.h.
/// </summary>
internal static unsafe partial class LibHeifPlanes
{
    private const string Library = "libde265.so.0";

    public sealed record Planes(int Width, int Height, int BitDepth, int[] Y, int[] Cb, int[] Cr);

    public static Planes Decode(HeifTile tile)
    {
        var stream = tile.Configuration.ToAnnexB(tile.Data.Span);
        var decoder = de265_new_decoder();
        try
        {
            fixed (byte* data = stream)
            {
                Check(de265_push_data(decoder, data, stream.Length, 0, 0));
            }

            Check(de265_flush_data(decoder));
            int more;
            do
            {
                var error = de265_decode(decoder, &more);
                var image = de265_get_next_picture(decoder);
                if (image != 0)
                {
                    int width = de265_get_image_width(image, 0), height = de265_get_image_height(image, 0);
                    var bits = de265_get_bits_per_pixel(image, 0);
                    int chromaWidth = de265_get_image_width(image, 1), chromaHeight = de265_get_image_height(image, 1);
                    return new Planes(width, height, bits, Plane(image, 0, width, height, bits),
                        Plane(image, 1, chromaWidth, chromaHeight, bits), Plane(image, 2, chromaWidth, chromaHeight, bits));
                }

                if (error != 0)
                {
                    break;
                }
            }
            while (more != 0);

            throw new InvalidOperationException("libde265 returned no picture");
        }
        finally
        {
            de265_free_decoder(decoder);
        }
    }

    private static int[] Plane(nint image, int channel, int width, int height, int bits)
    {
        var data = de265_get_image_plane(image, channel, out var stride);
        var samples = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                samples[y * width + x] = bits > 8 ? ((ushort*)(data + (long)y * stride))[x] : data[(long)y * stride + x];
            }
        }

        return samples;
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"libde265 error {error}");
        }
    }

    [LibraryImport(Library)] private static partial nint de265_new_decoder();
    [LibraryImport(Library)] private static partial int de265_free_decoder(nint decoder);
    [LibraryImport(Library)] private static partial int de265_push_data(nint decoder, byte* data, int length, long pts, nint userData);
    [LibraryImport(Library)] private static partial int de265_flush_data(nint decoder);
    [LibraryImport(Library)] private static partial int de265_decode(nint decoder, int* more);
    [LibraryImport(Library)] private static partial nint de265_get_next_picture(nint decoder);
    [LibraryImport(Library)] private static partial int de265_get_image_width(nint image, int channel);
    [LibraryImport(Library)] private static partial int de265_get_image_height(nint image, int channel);
    [LibraryImport(Library)] private static partial int de265_get_bits_per_pixel(nint image, int channel);
    [LibraryImport(Library)] private static partial byte* de265_get_image_plane(nint image, int channel, out int stride);
}
