using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhotoFF.Codecs.Jpeg;

/// <summary>
/// Rewrites a baseline JPEG's scan with the Huffman tables libjpeg would have optimized for it: the same symbols and extra
/// bits under shorter codes, every other byte as it was. For a stream libjpeg wrote with its standard tables the result is
/// byte for byte the file it writes with optimize_coding.
/// </summary>
/// <remarks>
/// Why: the JPEG saver in NetVips' native libvips (mozjpeg 5) spends 3-4x as long with optimize_coding as without, most of
/// it in a scalar statistics pass over every coefficient; recoding the finished scan here reads each symbol once. Only
/// what libjpeg writes is recoded: one sequential Huffman scan of every component, 8-bit samples, no restart markers, tables
/// 0 and 1. Anything else is declined (null), and the caller encodes with optimize_coding instead.
/// </remarks>
internal static class JpegHuffmanOptimizer
{
    /// <summary>Zero bytes after the scan's data, so that a block's reads near the end stay in the buffer: a block is at most
    /// 64 symbols of at most 27 bits, the reads run 8 bytes ahead, and the data's end is checked after each block.</summary>
    private const int ReadPadding = 512;

    /// <summary>Code bits the first lookup resolves; longer codes take the per-length search.</summary>
    private const int LookupBits = 9;

    /// <summary>Largest DC difference category and AC magnitude for 8-bit samples (libjpeg refuses larger ones too).</summary>
    private const int MaxDcCategory = 11;
    private const int MaxAcSize = 10;

    /// <summary>The table slots: DC tables 0 and 1, then AC tables 0 and 1.</summary>
    private const int Slots = 4;

    /// <summary>The stream with optimized Huffman tables, or null where it is not a stream this recodes.</summary>
    public static byte[]? TryOptimize(ReadOnlySpan<byte> jpeg)
    {
        if (!Layout.TryRead(jpeg, out Layout layout))
        {
            return null;
        }

        byte[]? data = null;
        uint[]? symbols = null;
        try
        {
            if (!TryUnstuff(jpeg[layout.ScanStart..], out data, out int dataLength))
            {
                return null;
            }

            long[] counts = new long[Slots * 256];
            symbols = ArrayPool<uint>.Shared.Rent(Math.Max(1024, 2 * dataLength));
            if (!TryReadSymbols(layout, data, dataLength, counts, ref symbols, out int symbolCount))
            {
                return null;
            }

            HuffmanTable?[] optimal = new HuffmanTable?[Slots];
            for (int slot = 0; slot < Slots; slot++)
            {
                if (layout.Tables[slot] is null)
                {
                    continue;
                }

                ReadOnlySpan<long> slotCounts = counts.AsSpan(slot * 256, 256);
                long total = 0;
                foreach (long count in slotCounts)
                {
                    total += count;
                }

                // A table the scan never uses has nothing to optimize for; libjpeg would not have written it.
                if (total == 0 || total > OptimalHuffmanTable.MaxTotalCount)
                {
                    return null;
                }

                optimal[slot] = OptimalHuffmanTable.Build(slotCounts);
            }

            return Write(jpeg, layout, optimal, symbols.AsSpan(0, symbolCount), dataLength);
        }
        finally
        {
            if (data is not null)
            {
                ArrayPool<byte>.Shared.Return(data);
            }

            if (symbols is not null)
            {
                ArrayPool<uint>.Shared.Return(symbols);
            }
        }
    }

    /// <summary>The entropy-coded bytes up to the closing EOI with the 0x00 after each 0xFF removed, followed by
    /// <see cref="ReadPadding"/> zero bytes; false unless the scan runs to an EOI that ends the stream.</summary>
    private static bool TryUnstuff(ReadOnlySpan<byte> scan, out byte[] data, out int length)
    {
        data = ArrayPool<byte>.Shared.Rent(scan.Length + ReadPadding);
        length = 0;
        int at = 0;
        while (true)
        {
            int run = scan[at..].IndexOf(JpegMarker.Prefix);
            if (run < 0 || at + run + 1 >= scan.Length)
            {
                return false;
            }

            scan.Slice(at, run).CopyTo(data.AsSpan(length));
            length += run;
            at += run;
            byte next = scan[at + 1];
            if (next == 0)
            {
                data[length++] = JpegMarker.Prefix;
                at += 2;
                continue;
            }

            data.AsSpan(length, ReadPadding).Clear();
            return next == JpegMarker.EndOfImage && at + 2 == scan.Length;
        }
    }

    /// <summary>
    /// Decodes every block's symbols, in scan order, into <paramref name="symbols"/> (see <see cref="Pack"/>) and counts
    /// them per table slot; false where the data does not decode to exactly the frame's blocks followed by padding ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadSymbols(in Layout layout, byte[] data, int dataLength, long[] counts, ref uint[] symbols, out int count)
    {
        count = 0;
        var decoders = new HuffmanDecoder?[Slots];
        for (int slot = 0; slot < Slots; slot++)
        {
            decoders[slot] = layout.Tables[slot] is { } table ? new HuffmanDecoder(table, slot, ac: slot >= 2) : null;
        }

        int[] blockTables = layout.BlockTables;
        long totalBits = 8L * dataLength;
        int written = 0;
        ref byte bytes = ref MemoryMarshal.GetArrayDataReference(data);
        ref long counted = ref MemoryMarshal.GetArrayDataReference(counts);

        // The bits not yet decoded, the next in the top bit: `buffered` of them are real, 56..63 after a refill (F. Giesen's
        // branchless refill; a symbol takes at most 27), and the bytes from `read` on are not in the buffer yet. Written out
        // at both places rather than in a method taking them by reference, which would keep them in memory, not registers.
        ulong buffer = 0;
        int buffered = 0;
        nint read = 0;
        for (long unit = 0; unit < layout.Units; unit++)
        {
            foreach (int tables in blockTables)
            {
                // A block is at most 64 symbols: its DC and one per coefficient after it.
                if (written + 64 > symbols.Length)
                {
                    uint[] larger = ArrayPool<uint>.Shared.Rent(2 * symbols.Length);
                    symbols.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<uint>.Shared.Return(symbols);
                    symbols = larger;
                }

                ref uint next = ref MemoryMarshal.GetArrayDataReference(symbols);
                int dcSlot = tables & 0xF;
                int acSlot = tables >> 4;
                HuffmanDecoder dc = decoders[dcSlot]!;
                HuffmanDecoder ac = decoders[acSlot]!;
                buffer |= BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, read))) >> buffered;
                read += (63 - buffered) >> 3;
                buffered |= 56;
                uint entry = dc.Decode(buffer);
                int length = (int)entry & 0x1F;
                int size = (int)(entry >> 16) & 0x3F;
                if (length == 0 || size > MaxDcCategory)
                {
                    return false;
                }

                buffer <<= length;
                Unsafe.Add(ref next, written++) = (entry & 0xFFFF0000) | TopBits(buffer, size);
                Unsafe.Add(ref counted, (int)(entry >> 22))++;
                buffer <<= size;
                buffered -= length + size;

                // The AC symbols up to the block's end: coefficient 63 coded, or EOB. The entries' advances make that one
                // test; a damaged block (no code, a symbol libjpeg does not write, a run past 63) ends with k over 64 and
                // no EOB, and fails below.
                int k = 1;
                do
                {
                    buffer |= BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, read))) >> buffered;
                    read += (63 - buffered) >> 3;
                    buffered |= 56;
                    entry = ac.Decode(buffer);
                    length = (int)entry & 0x1F;
                    size = (int)(entry >> 16) & 0xF;
                    buffer <<= length;
                    Unsafe.Add(ref next, written++) = (entry & 0xFFFF0000) | TopBits(buffer, size);
                    Unsafe.Add(ref counted, (int)(entry >> 22))++;
                    buffer <<= size;
                    buffered -= length + size;
                    k += length == 0 ? HuffmanDecoder.Invalid : (int)(entry >> 5) & 0x7F;
                }
                while (k < 64);

                if (k != 64 && (entry >> 22 & 0xFF) != 0 || length == 0)
                {
                    return false;
                }

                if (8L * read - buffered > totalBits)
                {
                    return false;
                }
            }
        }

        count = written;

        // What is left is libjpeg's padding: fewer than eight bits, all ones.
        long left = totalBits - (8L * read - buffered);
        if (left >= 8)
        {
            return false;
        }

        int mask = (1 << (int)left) - 1;
        return left == 0 || (data[dataLength - 1] & mask) == mask;
    }

    /// <summary>The top <paramref name="count"/> (0..16) bits of <paramref name="buffer"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TopBits(ulong buffer, int count) => (uint)((buffer >> 1) >> (63 - count));

    /// <summary>A decoded symbol as the recoder keeps it: its table slot (2 bits) and value (8 bits) on top, so that the
    /// top ten bits index a slot-major code table; then the count of extra bits (6) and the extra bits (16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Pack(int slot, int symbol, int extraCount, uint extraBits) =>
        (uint)slot << 30 | (uint)symbol << 22 | (uint)extraCount << 16 | extraBits;

    /// <summary>The packed <paramref name="symbols"/> under <paramref name="codes"/> (by slot and value: code length
    /// above bit 16, code below).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Encode(ReadOnlySpan<uint> symbols, uint[] codes, ScanWriter scan)
    {
        ref uint code = ref MemoryMarshal.GetArrayDataReference(codes);
        ulong pending = 0;
        int pendingBits = 0;
        foreach (uint symbol in symbols)
        {
            uint entry = Unsafe.Add(ref code, (int)(symbol >> 22));
            int extraCount = (int)(symbol >> 16) & 0x3F;
            int bits = (int)(entry >> 16) + extraCount;
            pending = pending << bits | (entry & 0xFFFF) << extraCount | (symbol & 0xFFFF);
            pendingBits += bits;
            if (pendingBits >= 32)
            {
                pendingBits -= 32;
                scan.PutWord((uint)(pending >> pendingBits));
            }
        }

        scan.Finish(pending, pendingBits);
    }

    /// <summary>The stream again: every segment as it was but the DHT segments, which carry the optimal tables for the same
    /// classes and numbers in the same order, then the scan coded with them and EOI.</summary>
    private static byte[] Write(ReadOnlySpan<byte> jpeg, in Layout layout, HuffmanTable?[] tables, ReadOnlySpan<uint> symbols, int dataLength)
    {
        uint[] codes = new uint[Slots * 256];
        Span<ushort> code = stackalloc ushort[256];
        Span<byte> length = stackalloc byte[256];
        for (int slot = 0; slot < Slots; slot++)
        {
            tables[slot]?.Codes(code, length);
            for (int value = 0; value < 256; value++)
            {
                codes[slot * 256 + value] = (uint)length[value] << 16 | code[value];
            }
        }

        var scan = new ScanWriter(dataLength + dataLength / 8 + 1024);
        try
        {
            Encode(symbols, codes, scan);
            int size = layout.ScanStart + scan.Length + 2;
            foreach (Segment segment in layout.Segments)
            {
                if (segment.TableSlots is { } slots)
                {
                    size += HuffmanSegmentLength(slots, tables) - segment.Length;
                }
            }

            byte[] result = GC.AllocateUninitializedArray<byte>(size);
            var output = result.AsSpan();
            jpeg[..2].CopyTo(output);
            int written = 2;
            foreach (Segment segment in layout.Segments)
            {
                written += segment.TableSlots is { } slots
                    ? WriteHuffmanSegment(slots, tables, output[written..])
                    : Copy(jpeg.Slice(segment.Start, segment.Length), output[written..]);
            }

            written += Copy(scan.Bytes, output[written..]);
            output[written++] = JpegMarker.Prefix;
            output[written++] = JpegMarker.EndOfImage;
            return written == size ? result : throw new InvalidOperationException($"The recoded JPEG came to {written} bytes, not {size}.");
        }
        finally
        {
            scan.Dispose();
        }
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        source.CopyTo(target);
        return source.Length;
    }

    private static int HuffmanSegmentLength(int[] slots, HuffmanTable?[] tables)
    {
        int length = 4;
        foreach (int slot in slots)
        {
            length += 17 + tables[slot]!.Values.Length;
        }

        return length;
    }

    private static int WriteHuffmanSegment(int[] slots, HuffmanTable?[] tables, Span<byte> target)
    {
        int length = HuffmanSegmentLength(slots, tables);
        target[0] = JpegMarker.Prefix;
        target[1] = JpegMarker.DefineHuffmanTables;
        BinaryPrimitives.WriteUInt16BigEndian(target[2..], (ushort)(length - 2));
        int at = 4;
        foreach (int slot in slots)
        {
            HuffmanTable table = tables[slot]!;
            target[at++] = (byte)(slot >> 1 << 4 | slot & 1);
            table.Counts.CopyTo(target[at..]);
            at += 16;
            table.Values.CopyTo(target[at..]);
            at += table.Values.Length;
        }

        return at;
    }

    /// <summary>A marker segment before the scan: where it starts (its 0xFF), its length with the marker, and for a DHT
    /// segment the table slots it defines, in its order (rewritten with the optimal tables); null for the others.</summary>
    private readonly record struct Segment(int Start, int Length, int[]? TableSlots);

    /// <summary>What the recoder needs of the stream's segments before the scan data.</summary>
    private readonly struct Layout
    {
        /// <summary>The segments from after SOI through SOS.</summary>
        public required List<Segment> Segments { get; init; }

        /// <summary>The tables defined, by slot (DC 0, DC 1, AC 0, AC 1).</summary>
        public required HuffmanTable?[] Tables { get; init; }

        /// <summary>Where the entropy-coded data begins.</summary>
        public required int ScanStart { get; init; }

        /// <summary>Minimum coded units of the scan (MCUs; blocks for a scan of one component).</summary>
        public required long Units { get; init; }

        /// <summary>Each block of a unit, in order: its DC slot in the low four bits, its AC slot above.</summary>
        public required int[] BlockTables { get; init; }

        public static bool TryRead(ReadOnlySpan<byte> jpeg, out Layout layout)
        {
            layout = default;
            if (jpeg.Length < 4 || jpeg[0] != JpegMarker.Prefix || jpeg[1] != JpegMarker.StartOfImage)
            {
                return false;
            }

            List<Segment> segments = [];
            var tables = new HuffmanTable?[Slots];
            Frame? frame = null;
            int at = 2;
            while (at + 4 <= jpeg.Length)
            {
                byte marker = jpeg[at + 1];
                int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
                if (jpeg[at] != JpegMarker.Prefix || length < 2 || at + 2 + length > jpeg.Length)
                {
                    return false;
                }

                ReadOnlySpan<byte> body = jpeg.Slice(at + 4, length - 2);
                int[]? tableSlots = null;
                if (marker == JpegMarker.StartOfFrameBaseline)
                {
                    if (frame is not null || !Frame.TryRead(body, out Frame read))
                    {
                        return false;
                    }

                    frame = read;
                }
                else if (marker == JpegMarker.DefineHuffmanTables)
                {
                    if (!TryReadTables(body, tables, out tableSlots))
                    {
                        return false;
                    }
                }
                else if (marker == JpegMarker.DefineRestartInterval)
                {
                    if (body.Length != 2 || BinaryPrimitives.ReadUInt16BigEndian(body) != 0)
                    {
                        return false;
                    }
                }
                else if (marker == JpegMarker.StartOfScan)
                {
                    if (frame is not { } scanned || !TryReadScan(body, scanned, tables, out long units, out int[] blockTables))
                    {
                        return false;
                    }

                    segments.Add(new Segment(at, 2 + length, null));
                    layout = new Layout
                    {
                        Segments = segments,
                        Tables = tables,
                        ScanStart = at + 2 + length,
                        Units = units,
                        BlockTables = blockTables,
                    };
                    return true;
                }
                else if (!IsPassedThrough(marker))
                {
                    return false;
                }

                segments.Add(new Segment(at, 2 + length, tableSlots));
                at += 2 + length;
            }

            return false;
        }

        /// <summary>Segments copied as they are: application data, comments and quantization tables.</summary>
        private static bool IsPassedThrough(byte marker) =>
            marker is >= JpegMarker.App0 and <= JpegMarker.App15 or JpegMarker.Comment or JpegMarker.DefineQuantizationTables;

        private static bool TryReadTables(ReadOnlySpan<byte> body, HuffmanTable?[] tables, out int[] slots)
        {
            List<int> defined = [];
            slots = [];
            while (!body.IsEmpty)
            {
                if (body.Length < 17)
                {
                    return false;
                }

                int tableClass = body[0] >> 4;
                int id = body[0] & 0xF;
                byte[] counts = body.Slice(1, 16).ToArray();
                int values = 0;
                foreach (byte count in counts)
                {
                    values += count;
                }

                int slot = tableClass * 2 + id;
                if (tableClass > 1 || id > 1 || body.Length < 17 + values || tables[slot] is not null)
                {
                    return false;
                }

                try
                {
                    tables[slot] = new HuffmanTable(counts, body.Slice(17, values).ToArray());
                }
                catch (ArgumentException)
                {
                    return false;
                }

                defined.Add(slot);
                body = body[(17 + values)..];
            }

            slots = [.. defined];
            return true;
        }

        private static bool TryReadScan(ReadOnlySpan<byte> body, Frame frame, HuffmanTable?[] tables, out long units, out int[] blockTables)
        {
            units = 0;
            blockTables = [];
            int count = body.IsEmpty ? 0 : body[0];
            if (count != frame.Components.Length || body.Length != 1 + 2 * count + 3
                || body[1 + 2 * count] != 0 || body[2 + 2 * count] != 63 || body[3 + 2 * count] != 0)
            {
                return false;
            }

            List<int> blocks = [];
            HashSet<int> seen = [];
            for (int i = 0; i < count; i++)
            {
                int index = frame.IndexOf(body[1 + 2 * i]);
                int dc = body[2 + 2 * i] >> 4;
                int ac = body[2 + 2 * i] & 0xF;
                if (index < 0 || !seen.Add(index) || dc > 1 || ac > 1 || tables[dc] is null || tables[2 + ac] is null)
                {
                    return false;
                }

                // An interleaved unit holds each component's horizontal x vertical blocks; a scan of one component
                // codes one block at a time.
                JpegComponent component = frame.Components[index];
                int perUnit = count == 1 ? 1 : component.Horizontal * component.Vertical;
                for (int b = 0; b < perUnit; b++)
                {
                    blocks.Add(dc | (2 + ac) << 4);
                }
            }

            if (blocks.Count > 10 && count > 1)
            {
                return false;
            }

            units = frame.Units;
            blockTables = [.. blocks];
            return true;
        }
    }

    /// <summary>A baseline frame header: 8-bit samples, its size and its components' sampling factors.</summary>
    private readonly record struct Frame(int Width, int Height, JpegComponent[] Components)
    {
        /// <summary>The units of a scan of every component (<see cref="Layout.Units"/>).</summary>
        public long Units
        {
            get
            {
                int horizontal = Components.Max(c => c.Horizontal);
                int vertical = Components.Max(c => c.Vertical);
                return Components.Length == 1
                    ? (long)DivideUp(Width, 8) * DivideUp(Height, 8)
                    : (long)DivideUp(Width, 8 * horizontal) * DivideUp(Height, 8 * vertical);
            }
        }

        /// <summary>Which component has <paramref name="id"/>; -1 for none.</summary>
        public int IndexOf(int id)
        {
            for (int i = 0; i < Components.Length; i++)
            {
                if (Components[i].Id == id)
                {
                    return i;
                }
            }

            return -1;
        }

        public static bool TryRead(ReadOnlySpan<byte> body, out Frame frame)
        {
            frame = default;
            if (body.Length < 6 || body[0] != 8)
            {
                return false;
            }

            int height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
            int width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
            int count = body[5];
            if (width == 0 || height == 0 || count is < 1 or > 4 || body.Length != 6 + 3 * count)
            {
                return false;
            }

            var components = new JpegComponent[count];
            for (int i = 0; i < count; i++)
            {
                int sampling = body[7 + 3 * i];
                components[i] = new JpegComponent(body[6 + 3 * i], sampling >> 4, sampling & 0xF, body[8 + 3 * i]);
                if (components[i].Horizontal is < 1 or > 4 || components[i].Vertical is < 1 or > 4)
                {
                    return false;
                }
            }

            frame = new Frame(width, height, components);
            return true;
        }

        private static int DivideUp(int value, int by) => (value + by - 1) / by;
    }

    /// <summary>
    /// Decodes one table's codes from the top of a bit buffer: the first <see cref="LookupBits"/> bits in one lookup,
    /// longer codes by length (T.81 F.2.2.3). A code decodes to an entry that holds all the scan loop needs: the code's
    /// length (bits 0-4; 0 for no code), for AC codes how far the symbol moves through the block (bits 5-11: the run and
    /// the coefficient, 16 for ZRL, 64 for EOB, <see cref="Invalid"/> for a symbol libjpeg never writes), and the symbol
    /// as <see cref="Pack"/> keeps it, its extra bits still zero (bits 16-31).
    /// </summary>
    private sealed class HuffmanDecoder
    {
        /// <summary>An advance that ends the block as damaged: past any block, with no EOB.</summary>
        public const int Invalid = 127;

        private readonly uint[] lookup = new uint[1 << LookupBits];
        private readonly int[] maxCode = new int[17];
        private readonly int[] valueOffset = new int[17];
        private readonly uint[] entries;

        public HuffmanDecoder(HuffmanTable table, int slot, bool ac)
        {
            Span<ushort> codes = stackalloc ushort[256];
            Span<byte> lengths = stackalloc byte[256];
            table.Codes(codes, lengths);
            maxCode.AsSpan().Fill(-1);
            ReadOnlySpan<byte> values = table.Values;
            entries = new uint[values.Length];

            // The values come in code order, so each length's codes are consecutive: the first fixes where its values
            // start, the last is its largest code.
            for (int index = 0; index < values.Length; index++)
            {
                int length = lengths[values[index]];
                int code = codes[values[index]];
                if (maxCode[length] < 0)
                {
                    valueOffset[length] = index - code;
                }

                maxCode[length] = code;
                entries[index] = Entry(slot, ac, values[index], length);
                if (length <= LookupBits)
                {
                    int shift = LookupBits - length;
                    lookup.AsSpan(code << shift, 1 << shift).Fill(entries[index]);
                }
            }
        }

        /// <summary>The entry for the code of the buffer's top bits; 0 where no code of the table starts them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Decode(ulong buffer)
        {
            uint entry = lookup[(int)(buffer >> (64 - LookupBits))];
            return entry != 0 ? entry : DecodeLong(buffer);
        }

        private uint DecodeLong(ulong buffer)
        {
            for (int length = LookupBits + 1; length <= 16; length++)
            {
                int code = (int)(buffer >> (64 - length));
                if (code <= maxCode[length])
                {
                    return entries[code + valueOffset[length]];
                }
            }

            return 0;
        }

        private static uint Entry(int slot, bool ac, int symbol, int length)
        {
            int size = ac ? symbol & 0xF : Math.Min(symbol, 0x3F); // a DC category over 11 is refused by the scan loop
            int advance = !ac ? 0
                : size is > MaxAcSize ? Invalid
                : size != 0 ? (symbol >> 4) + 1
                : symbol == 0xF0 ? 16
                : symbol == 0 ? 64
                : Invalid;
            return Pack(slot, symbol, size, 0) | (uint)advance << 5 | (uint)length;
        }
    }

    /// <summary>Entropy-coded bytes, most significant bit first, a 0x00 after every 0xFF, padded with ones at the end as
    /// libjpeg pads (T.81 F.1.2.3).</summary>
    private sealed class ScanWriter : IDisposable
    {
        private byte[] buffer;
        private int length;

        public ScanWriter(int capacity) => buffer = ArrayPool<byte>.Shared.Rent(capacity);

        public int Length => length;

        public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

        /// <summary>The last bits: <paramref name="count"/> (under 32) low bits of <paramref name="pending"/>, whole bytes
        /// first, then a last byte filled with ones.</summary>
        public void Finish(ulong pending, int count)
        {
            while (count >= 8)
            {
                count -= 8;
                PutByte((byte)(pending >> count));
            }

            if (count > 0)
            {
                PutByte((byte)((pending << (8 - count)) | (0xFFu >> count)));
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);

        /// <summary>Four bytes, the first in the top bits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void PutWord(uint word)
        {
            if (length + 8 > buffer.Length)
            {
                Grow();
            }

            uint inverted = ~word;
            if (((inverted - 0x01010101u) & ~inverted & 0x80808080u) == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(length), word);
                length += 4;
                return;
            }

            for (int shift = 24; shift >= 0; shift -= 8)
            {
                PutByte((byte)(word >> shift));
            }
        }

        private void PutByte(byte value)
        {
            if (length + 2 > buffer.Length)
            {
                Grow();
            }

            buffer[length++] = value;
            if (value == JpegMarker.Prefix)
            {
                buffer[length++] = 0;
            }
        }

        private void Grow()
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(2 * buffer.Length);
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
    }
}
