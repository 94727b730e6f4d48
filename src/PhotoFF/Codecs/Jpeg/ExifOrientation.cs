using System.Buffers.Binary;
using PhotoFF.Backends;

namespace PhotoFF.Codecs.Jpeg;

/// <summary>
/// The EXIF orientation tag (0x0112 in IFD0 of the TIFF structure after "Exif\0\0"): read it, set it to 1 in a copy
/// (pixels written upright must not be turned again by a viewer), and turn it into the pixel map that uprights an image.
/// </summary>
internal static class ExifOrientation
{
    private const int HeaderLength = 6; // "Exif\0\0"
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;

    /// <summary>The orientation in an EXIF block (from its "Exif\0\0" header on): 1 to 8, 1 when the tag is absent, or
    /// null when the block cannot be read or the tag holds something other than one SHORT from 1 to 8.</summary>
    public static int? Read(ReadOnlySpan<byte> exif)
    {
        if (!TryFindTag(exif, out int entry, out bool bigEndian, out bool found))
        {
            return null;
        }

        if (!found)
        {
            return 1;
        }

        ReadOnlySpan<byte> tiff = exif[HeaderLength..];
        if (U16(tiff[(entry + 2)..], bigEndian) != ShortType || U32(tiff[(entry + 4)..], bigEndian) != 1)
        {
            return null;
        }

        int value = U16(tiff[(entry + 8)..], bigEndian);
        return value is >= 1 and <= 8 ? value : null;
    }

    /// <summary>A copy of <paramref name="exif"/> whose orientation says 1 (unchanged when it has no orientation tag);
    /// null when the block cannot be read.</summary>
    public static byte[]? WithOrientation1(ReadOnlySpan<byte> exif)
    {
        if (!TryFindTag(exif, out int entry, out bool bigEndian, out bool found))
        {
            return null;
        }

        byte[] copy = exif.ToArray();
        if (found)
        {
            Span<byte> tiff = copy.AsSpan(HeaderLength);
            if (U16(tiff[(entry + 2)..], bigEndian) != ShortType)
            {
                return null;
            }

            Span<byte> value = tiff.Slice(entry + 8, 2);
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(value, 1);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(value, 1);
            }
        }

        return copy;
    }

    /// <summary>
    /// The map from the upright image (<paramref name="storedWidth"/> x <paramref name="storedHeight"/> as stored, turned
    /// by <paramref name="orientation"/>) back to the stored pixels: for each upright pixel, where it is stored. The same
    /// transforms as libvips' autorot: 2 mirrors left-right, 3 turns half way, 4 mirrors top-bottom, 5 transposes,
    /// 6 turns a quarter clockwise, 7 transverses, 8 turns a quarter anticlockwise.
    /// </summary>
    public static AffinePixelMap Map(int orientation, int storedWidth, int storedHeight)
    {
        int right = storedWidth - 1;
        int bottom = storedHeight - 1;
        return orientation switch
        {
            2 => new AffinePixelMap(-1, 0, right, 0, 1, 0),
            3 => new AffinePixelMap(-1, 0, right, 0, -1, bottom),
            4 => new AffinePixelMap(1, 0, 0, 0, -1, bottom),
            5 => new AffinePixelMap(0, 1, 0, 1, 0, 0),
            6 => new AffinePixelMap(0, 1, 0, -1, 0, bottom),
            7 => new AffinePixelMap(0, -1, right, -1, 0, bottom),
            8 => new AffinePixelMap(0, -1, right, 1, 0, 0),
            _ => AffinePixelMap.Identity,
        };
    }

    /// <summary>Walks the TIFF header and IFD0 with every offset checked; <paramref name="entry"/> is the orientation
    /// entry's offset in the TIFF structure.</summary>
    private static bool TryFindTag(ReadOnlySpan<byte> exif, out int entry, out bool bigEndian, out bool found)
    {
        entry = 0;
        bigEndian = false;
        found = false;
        if (exif.Length < HeaderLength + 8 || !exif[..HeaderLength].SequenceEqual("Exif\0\0"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> tiff = exif[HeaderLength..];
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
        {
            bigEndian = false;
        }
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
        {
            bigEndian = true;
        }
        else
        {
            return false;
        }

        if (U16(tiff[2..], bigEndian) != 42)
        {
            return false;
        }

        uint ifd = U32(tiff[4..], bigEndian);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
        {
            return false;
        }

        int count = U16(tiff[(int)ifd..], bigEndian);
        long end = ifd + 2 + 12L * count;
        if (end > tiff.Length)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            int at = (int)ifd + 2 + 12 * i;
            if (U16(tiff[at..], bigEndian) == OrientationTag)
            {
                entry = at;
                found = true;
                return true;
            }
        }

        return true;
    }

    private static ushort U16(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    private static uint U32(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);
}
