using PhotoFF.Imaging;

namespace PhotoFF.Codecs.Jpeg;

/// <summary>
/// Puts metadata into an encoded JPEG as libvips' jpegsave would: after the SOI (and the JFIF APP0, if there is one),
/// an APP1 EXIF segment with the orientation set to 1 (the pixels are upright), an APP1 XMP packet, and an sRGB ICC
/// profile in APP2 chunks. A profile other than sRGB is left out: the pixels are sRGB.
/// </summary>
internal static class JpegMetadataWriter
{
    private const int IccChunkBody = JpegMarker.MaxSegmentBody - 14; // "ICC_PROFILE\0", sequence, count
    private static readonly byte[] XmpNamespace = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();
    private static readonly byte[] IccHeader = "ICC_PROFILE\0"u8.ToArray();

    /// <summary>The stream with the metadata's segments in it; the same array when there is nothing to add; null when
    /// a block cannot be written as a segment (an EXIF or XMP block over 64 KiB, an unreadable EXIF block), so that the
    /// caller can let libvips write the file instead.</summary>
    public static byte[]? Splice(byte[] encoded, ImageMetadata metadata)
    {
        if (encoded.Length < 4 || encoded[0] != JpegMarker.Prefix || encoded[1] != JpegMarker.StartOfImage)
        {
            throw new ArgumentException("The encoded data does not start with an SOI marker.", nameof(encoded));
        }

        List<byte[]> segments = [];
        if (metadata.Exif is { Length: > 0 } exif)
        {
            byte[]? upright = ExifOrientation.WithOrientation1(exif);
            if (upright is null || upright.Length > JpegMarker.MaxSegmentBody)
            {
                return null;
            }

            segments.Add(Segment(JpegMarker.App1, upright));
        }

        if (metadata.Xmp is { Length: > 0 } xmp)
        {
            if (XmpNamespace.Length + xmp.Length > JpegMarker.MaxSegmentBody)
            {
                return null;
            }

            segments.Add(Segment(JpegMarker.App1, [.. XmpNamespace, .. xmp]));
        }

        if (metadata.Icc is { Length: > 0 } icc && ColourManagement.IsSrgbProfile(icc))
        {
            int count = (icc.Length + IccChunkBody - 1) / IccChunkBody;
            if (count > 255)
            {
                return null;
            }

            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> chunk = icc.AsSpan(i * IccChunkBody, Math.Min(IccChunkBody, icc.Length - i * IccChunkBody));
                segments.Add(Segment(JpegMarker.App2, [.. IccHeader, (byte)(i + 1), (byte)count, .. chunk]));
            }
        }

        if (segments.Count == 0)
        {
            return encoded;
        }

        int at = InsertionPoint(encoded);
        byte[] result = new byte[encoded.Length + segments.Sum(s => s.Length)];
        encoded.AsSpan(0, at).CopyTo(result);
        int position = at;
        foreach (byte[] segment in segments)
        {
            segment.CopyTo(result, position);
            position += segment.Length;
        }

        encoded.AsSpan(at).CopyTo(result.AsSpan(position));
        return result;
    }

    /// <summary>After the SOI, and after a JFIF APP0 right behind it: where EXIF belongs.</summary>
    private static int InsertionPoint(byte[] encoded)
    {
        if (encoded.Length >= 11 && encoded[2] == JpegMarker.Prefix && encoded[3] == JpegMarker.App0 &&
            encoded.AsSpan(6).StartsWith("JFIF\0"u8))
        {
            int length = encoded[4] << 8 | encoded[5];
            if (4 + length <= encoded.Length)
            {
                return 4 + length;
            }
        }

        return 2;
    }

    private static byte[] Segment(byte marker, ReadOnlySpan<byte> body)
    {
        byte[] segment = new byte[4 + body.Length];
        segment[0] = JpegMarker.Prefix;
        segment[1] = marker;
        segment[2] = (byte)((body.Length + 2) >> 8);
        segment[3] = (byte)(body.Length + 2);
        body.CopyTo(segment.AsSpan(4));
        return segment;
    }
}
