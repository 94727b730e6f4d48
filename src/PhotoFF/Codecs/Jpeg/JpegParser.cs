using System.Buffers.Binary;

namespace PhotoFF.Codecs.Jpeg;

/// <summary>
/// Reads a JPEG stream's structure on the CPU, without decoding a pixel: every segment's length, the frame, the tables,
/// the metadata segments, and the entropy-coded data of the scan, byte-scanned for markers (restart markers must come
/// in sequence and as many as the restart intervals; anything else must be the EOI that ends the image).
/// </summary>
/// <remarks>
/// A stream is "clean" only in the shape the GPU path decodes: 8-bit baseline or extended sequential, one scan holding
/// every component, every table it uses defined with the lengths and values libjpeg accepts, and nothing in the stream
/// that libjpeg would warn about and that a byte scan can see (a second SOI, garbage between segments, a marker inside
/// the scan, restart markers out of order or missing, truncation). Anything else is not refused here: it is named and
/// left to libvips, whose strict decoder is the reference for what is damaged. What a byte scan cannot see (a bit error
/// inside the Huffman-coded data that keeps the markers intact) goes to the GPU like a clean stream.
/// </remarks>
internal static class JpegParser
{
    private const int MaxBlocksInMcu = 10; // libjpeg's D_MAX_BLOCKS_IN_MCU
    private static readonly byte[] XmpNamespace = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();
    private static readonly byte[] IccHeader = "ICC_PROFILE\0"u8.ToArray();

    public static JpegParseResult Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != JpegMarker.Prefix || data[1] != JpegMarker.StartOfImage)
        {
            return JpegParseResult.Unclean("not a JPEG stream (it does not start with an SOI marker)");
        }

        Builder builder = new();
        int position = 2;
        while (true)
        {
            if (!TryReadMarker(data, ref position, out byte marker, out string? problem))
            {
                return JpegParseResult.Unclean(problem!);
            }

            if (marker is JpegMarker.StartOfImage or JpegMarker.EndOfImage or 0x00 or 0x01 || JpegMarker.IsRestart(marker))
            {
                return JpegParseResult.Unclean($"an unexpected {Name(marker)} marker at offset {position - 2}");
            }

            if (position + 2 > data.Length)
            {
                return JpegParseResult.Unclean($"the stream ends inside the {Name(marker)} segment at offset {position - 2}");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                return JpegParseResult.Unclean($"the {Name(marker)} segment at offset {position - 2} is {length} bytes long, past the end of the stream");
            }

            ReadOnlySpan<byte> body = data.Slice(position + 2, length - 2);
            position += length;
            problem = marker switch
            {
                JpegMarker.StartOfFrameBaseline or JpegMarker.StartOfFrameExtended => builder.Frame(marker, body),
                _ when JpegMarker.IsStartOfFrame(marker) => $"a {Name(marker)} frame (progressive, lossless, hierarchical or arithmetic-coded)",
                JpegMarker.DefineHuffmanTables => builder.HuffmanTables(body),
                JpegMarker.DefineQuantizationTables => builder.QuantizationTables(body),
                JpegMarker.DefineRestartInterval => builder.RestartInterval(body),
                >= JpegMarker.App0 and <= JpegMarker.App15 => builder.Application(marker, body),
                JpegMarker.Comment => null,
                JpegMarker.StartOfScan => builder.Scan(body),
                _ => $"an unexpected {Name(marker)} marker",
            };
            if (problem is not null)
            {
                return JpegParseResult.Unclean(problem);
            }

            if (marker == JpegMarker.StartOfScan)
            {
                return FinishScan(data, position, builder);
            }
        }
    }

    /// <summary>The entropy-coded data of the one scan, then the EOI that must follow it.</summary>
    private static JpegParseResult FinishScan(ReadOnlySpan<byte> data, int position, Builder builder)
    {
        int expectedRestarts = builder.ExpectedRestartMarkers();
        int restarts = 0;
        while (true)
        {
            int found = data[position..].IndexOf(JpegMarker.Prefix);
            if (found < 0)
            {
                return JpegParseResult.Unclean("the image data is truncated: the stream ends without an EOI marker");
            }

            int marker = position + found;
            int code = marker + 1;
            while (code < data.Length && data[code] == JpegMarker.Prefix)
            {
                code++;
            }

            if (code >= data.Length)
            {
                return JpegParseResult.Unclean("the image data is truncated: the stream ends without an EOI marker");
            }

            byte value = data[code];
            if (value == 0x00)
            {
                // A stuffed 0xFF data byte.
                position = code + 1;
                continue;
            }

            if (JpegMarker.IsRestart(value))
            {
                int expected = restarts % 8;
                if (value - JpegMarker.Restart0 != expected || restarts >= expectedRestarts)
                {
                    return JpegParseResult.Unclean(restarts >= expectedRestarts
                        ? $"more restart markers than the {expectedRestarts} the image's restart intervals call for"
                        : $"restart marker RST{value - JpegMarker.Restart0} at offset {marker} where RST{expected} belongs");
                }

                restarts++;
                position = code + 1;
                continue;
            }

            if (value != JpegMarker.EndOfImage)
            {
                return JpegParseResult.Unclean($"a {Name(value)} marker at offset {marker} inside or after the image data, where EOI belongs");
            }

            return restarts == expectedRestarts
                ? JpegParseResult.Clean(builder.Build())
                : JpegParseResult.Unclean($"{restarts} restart markers where the image's restart intervals call for {expectedRestarts}");
        }
    }

    /// <summary>Reads 0xFF, any fill bytes, and the marker code; the segment that follows is not read.</summary>
    private static bool TryReadMarker(ReadOnlySpan<byte> data, ref int position, out byte marker, out string? problem)
    {
        marker = 0;
        problem = null;
        if (position >= data.Length)
        {
            problem = "the stream ends before the image data";
            return false;
        }

        if (data[position] != JpegMarker.Prefix)
        {
            problem = $"garbage where a marker belongs at offset {position}";
            return false;
        }

        while (position < data.Length && data[position] == JpegMarker.Prefix)
        {
            position++;
        }

        if (position >= data.Length)
        {
            problem = "the stream ends inside a marker";
            return false;
        }

        marker = data[position++];
        return true;
    }

    private static string Name(byte marker) => marker switch
    {
        JpegMarker.StartOfImage => "SOI",
        JpegMarker.EndOfImage => "EOI",
        JpegMarker.StartOfScan => "SOS",
        JpegMarker.DefineHuffmanTables => "DHT",
        JpegMarker.DefineQuantizationTables => "DQT",
        JpegMarker.DefineRestartInterval => "DRI",
        JpegMarker.DefineNumberOfLines => "DNL",
        JpegMarker.Comment => "COM",
        _ when JpegMarker.IsRestart(marker) => $"RST{marker - JpegMarker.Restart0}",
        _ when JpegMarker.IsStartOfFrame(marker) => $"SOF{marker - 0xC0}",
        >= JpegMarker.App0 and <= JpegMarker.App15 => $"APP{marker - JpegMarker.App0}",
        _ => $"0x{marker:X2}",
    };

    /// <summary>What the segments before the scan established, checked as they arrive.</summary>
    private sealed class Builder
    {
        private readonly bool[] dcTables = new bool[4];
        private readonly bool[] acTables = new bool[4];
        private readonly bool[] quantizationTables = new bool[4];
        private readonly SortedDictionary<int, byte[]> iccChunks = [];
        private List<JpegComponent>? components;
        private int width;
        private int height;
        private byte frameMarker;
        private int restartInterval;
        private bool hasJfif;
        private int? adobeTransform;
        private byte[]? exif;
        private byte[]? xmp;
        private int iccChunkCount;

        public string? Frame(byte marker, ReadOnlySpan<byte> body)
        {
            if (components is not null)
            {
                return "a second frame header";
            }

            if (body.Length < 6 || body.Length != 6 + 3 * body[5])
            {
                return "a frame header of the wrong length";
            }

            int precision = body[0];
            height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
            width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
            int count = body[5];
            if (precision != 8)
            {
                return $"{precision}-bit samples";
            }

            if (width == 0 || height == 0)
            {
                return $"a frame of {width}x{height} (the height would come from a DNL marker)";
            }

            if (count is not (1 or 3))
            {
                return $"{count} colour components (CMYK or YCCK, or an unusual layout)";
            }

            components = [];
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> entry = body.Slice(6 + 3 * i, 3);
                JpegComponent component = new(entry[0], entry[1] >> 4, entry[1] & 0x0F, entry[2]);
                if (component.Horizontal is < 1 or > 4 || component.Vertical is < 1 or > 4 || component.QuantizationTable > 3)
                {
                    return $"component {component.Id} has sampling {component.Horizontal}x{component.Vertical} and table {component.QuantizationTable}";
                }

                if (components.Any(c => c.Id == component.Id))
                {
                    return $"component id {component.Id} appears twice";
                }

                components.Add(component);
            }

            frameMarker = marker;
            return null;
        }

        public string? HuffmanTables(ReadOnlySpan<byte> body)
        {
            Span<int> counts = stackalloc int[16];
            while (body.Length > 0)
            {
                if (body.Length < 17)
                {
                    return "a Huffman table segment of the wrong length";
                }

                int tableClass = body[0] >> 4;
                int slot = body[0] & 0x0F;
                if (tableClass > 1 || slot > 3)
                {
                    return $"a Huffman table with class {tableClass} and slot {slot}";
                }

                int total = 0;
                for (int i = 0; i < 16; i++)
                {
                    counts[i] = body[1 + i];
                    total += counts[i];
                }

                if (total > 256 || body.Length < 17 + total)
                {
                    return "a Huffman table with too many codes for its segment";
                }

                if (!IsCompleteEnoughCode(counts))
                {
                    return "a Huffman table whose code lengths do not form a code";
                }

                ReadOnlySpan<byte> symbols = body.Slice(17, total);
                if (tableClass == 0)
                {
                    foreach (byte symbol in symbols)
                    {
                        if (symbol > 15)
                        {
                            return "a DC Huffman table with a symbol above 15";
                        }
                    }

                    dcTables[slot] = true;
                }
                else
                {
                    acTables[slot] = true;
                }

                body = body[(17 + total)..];
            }

            return null;
        }

        /// <summary>libjpeg's check when it builds a decoding table: after the codes of each length, from the
        /// shortest used to the longest, the next code must still fit in that many bits.</summary>
        private static bool IsCompleteEnoughCode(ReadOnlySpan<int> counts)
        {
            int first = counts.IndexOfAnyExcept(0);
            if (first < 0)
            {
                return true;
            }

            int last = counts.LastIndexOfAnyExcept(0);
            long code = 0;
            for (int length = first + 1; length <= last + 1; length++)
            {
                code += counts[length - 1];
                if (code >= 1L << length)
                {
                    return false;
                }

                code <<= 1;
            }

            return true;
        }

        public string? QuantizationTables(ReadOnlySpan<byte> body)
        {
            while (body.Length > 0)
            {
                int precision = body[0] >> 4;
                int slot = body[0] & 0x0F;
                if (precision > 1 || slot > 3)
                {
                    return $"a quantization table with precision {precision} and slot {slot}";
                }

                int size = 1 + 64 * (precision + 1);
                if (body.Length < size)
                {
                    return "a quantization table segment of the wrong length";
                }

                quantizationTables[slot] = true;
                body = body[size..];
            }

            return null;
        }

        public string? RestartInterval(ReadOnlySpan<byte> body)
        {
            if (body.Length != 2)
            {
                return "a DRI segment of the wrong length";
            }

            restartInterval = BinaryPrimitives.ReadUInt16BigEndian(body);
            return null;
        }

        public string? Application(byte marker, ReadOnlySpan<byte> body)
        {
            switch (marker)
            {
                case JpegMarker.App0 when body.StartsWith("JFIF\0"u8):
                    // libjpeg warns about a JFIF major version other than 1; libvips passes the warning on.
                    if (body.Length >= 7 && body[5] != 1)
                    {
                        return $"JFIF version {body[5]}.{body[6]:00}";
                    }

                    hasJfif = true;
                    return null;
                case JpegMarker.App1 when body.Length > 4 && body.StartsWith("Exif"u8):
                    // libvips keeps the whole segment as exif-data and reads its orientation; a second one or an
                    // unusual header is left to libvips.
                    if (exif is not null || !body.StartsWith("Exif\0\0"u8))
                    {
                        return exif is not null ? "two EXIF segments" : "an EXIF segment with an unusual header";
                    }

                    if (ExifOrientation.Read(body) is null)
                    {
                        return "an EXIF block whose orientation cannot be read";
                    }

                    exif = body.ToArray();
                    return null;
                case JpegMarker.App1 when body.Length > 4 && body.StartsWith("http"u8):
                    // libvips keeps any "http..." APP1 as xmp-data, after its namespace: only one standard packet
                    // is taken here; extended XMP and the like go to libvips.
                    if (xmp is not null || !body.StartsWith(XmpNamespace))
                    {
                        return xmp is not null ? "two XMP segments" : "an XMP segment other than the standard packet";
                    }

                    xmp = body[XmpNamespace.Length..].ToArray();
                    return null;
                case JpegMarker.App2 when body.StartsWith(IccHeader):
                    return IccChunk(body);
                case JpegMarker.App14 when body.Length >= 12 && body.StartsWith("Adobe"u8):
                    adobeTransform = body[11];
                    return null;
                default:
                    return null;
            }
        }

        /// <summary>A chunk of the ICC profile, checked as libjpeg's jpeg_read_icc_profile checks them.</summary>
        private string? IccChunk(ReadOnlySpan<byte> body)
        {
            // libvips takes chunks with at least one byte of profile in them.
            if (body.Length <= IccHeader.Length + 2)
            {
                return "an ICC profile chunk without profile data";
            }

            int sequence = body[IccHeader.Length];
            int count = body[IccHeader.Length + 1];
            if (count == 0 || sequence == 0 || sequence > count || (iccChunkCount != 0 && count != iccChunkCount) ||
                iccChunks.ContainsKey(sequence))
            {
                return "an ICC profile whose chunks are numbered inconsistently";
            }

            iccChunkCount = count;
            iccChunks.Add(sequence, body[(IccHeader.Length + 2)..].ToArray());
            return null;
        }

        public string? Scan(ReadOnlySpan<byte> body)
        {
            if (components is null)
            {
                return "a scan before the frame header";
            }

            if (body.Length < 1 || body.Length != 1 + 2 * body[0] + 3)
            {
                return "a scan header of the wrong length";
            }

            int count = body[0];
            if (count != components.Count)
            {
                return $"a scan of {count} of the {components.Count} components (more than one scan)";
            }

            HashSet<byte> seen = [];
            for (int i = 0; i < count; i++)
            {
                byte id = body[1 + 2 * i];
                int dc = body[2 + 2 * i] >> 4;
                int ac = body[2 + 2 * i] & 0x0F;
                JpegComponent? component = components.Find(c => c.Id == id);
                if (component is null || !seen.Add(id))
                {
                    return $"a scan that names component {id} wrongly";
                }

                if (dc > 3 || ac > 3 || !dcTables[dc] || !acTables[ac])
                {
                    return $"component {id} uses a Huffman table the stream does not define";
                }

                if (!quantizationTables[component.QuantizationTable])
                {
                    return $"component {id} uses a quantization table the stream does not define";
                }
            }

            int start = body[1 + 2 * count];
            int end = body[2 + 2 * count];
            int approximation = body[3 + 2 * count];
            if (start != 0 || end != 63 || approximation != 0)
            {
                return "a scan with progressive parameters in a sequential frame";
            }

            if (count > 1 && components.Sum(c => c.Horizontal * c.Vertical) > MaxBlocksInMcu)
            {
                return "more than 10 blocks in an MCU";
            }

            if (iccChunkCount != 0 && iccChunks.Count != iccChunkCount)
            {
                return "an ICC profile with missing chunks";
            }

            return null;
        }

        public int ExpectedRestartMarkers()
        {
            if (restartInterval == 0)
            {
                return 0;
            }

            int maxH = components!.Max(c => c.Horizontal);
            int maxV = components!.Max(c => c.Vertical);
            long mcus = components!.Count == 1
                ? DivideRoundingUp(width, 8) * DivideRoundingUp(height, 8)
                : DivideRoundingUp(width, 8 * maxH) * DivideRoundingUp(height, 8 * maxV);
            return (int)(DivideRoundingUp(mcus, restartInterval) - 1);
        }

        public JpegHeader Build()
        {
            int orientation = exif is null ? 1 : ExifOrientation.Read(exif)!.Value;
            return new JpegHeader
            {
                Width = width,
                Height = height,
                FrameMarker = frameMarker,
                Components = components!,
                RestartInterval = restartInterval,
                HasJfif = hasJfif,
                AdobeTransform = adobeTransform,
                Exif = exif,
                Xmp = xmp,
                Icc = iccChunkCount == 0 ? null : iccChunks.Values.SelectMany(chunk => chunk).ToArray(),
                Orientation = orientation,
            };
        }

        private static long DivideRoundingUp(long value, long divisor) => (value + divisor - 1) / divisor;
    }
}
