namespace PhotoFF.Codecs.Jpeg;

/// <summary>
/// A JPEG Huffman table as a DHT segment states it: how many codes there are of each length 1..16, and the symbols in
/// code order. The codes themselves follow (T.81 annex C): consecutive within a length, doubled from one length to the
/// next.
/// </summary>
internal sealed class HuffmanTable
{
    private readonly byte[] counts;
    private readonly byte[] values;

    /// <param name="counts">Codes of each length 1..16 (16 entries).</param>
    /// <param name="values">The symbols, as many as the counts add up to, no symbol twice.</param>
    /// <exception cref="ArgumentException">The counts and values do not make a prefix code of symbols.</exception>
    public HuffmanTable(byte[] counts, byte[] values)
    {
        if (counts.Length != 16)
        {
            throw new ArgumentException("A Huffman table counts codes of 16 lengths.", nameof(counts));
        }

        int total = 0;
        int code = 0;
        for (int length = 1; length <= 16; length++)
        {
            code = (code << 1) + counts[length - 1];
            total += counts[length - 1];
            // As libjpeg: no code may be all ones (a decoder pads the last byte with ones).
            if (code >= 1 << length)
            {
                throw new ArgumentException($"More Huffman codes of up to {length} bits than fit, leaving out the all-ones code.", nameof(counts));
            }
        }

        if (total != values.Length || total == 0 || total > 256)
        {
            throw new ArgumentException($"A Huffman table of {values.Length} symbols counts {total} codes.", nameof(values));
        }

        Span<bool> seen = stackalloc bool[256];
        foreach (byte value in values)
        {
            if (seen[value])
            {
                throw new ArgumentException($"Symbol 0x{value:X2} has two Huffman codes.", nameof(values));
            }

            seen[value] = true;
        }

        this.counts = counts;
        this.values = values;
    }

    public ReadOnlySpan<byte> Counts => counts;

    public ReadOnlySpan<byte> Values => values;

    /// <summary>Each symbol's code and length (0 where the symbol has no code), as the encoder emits them.</summary>
    public void Codes(Span<ushort> code, Span<byte> length)
    {
        code.Clear();
        length.Clear();
        int next = 0;
        int index = 0;
        for (int bits = 1; bits <= 16; bits++)
        {
            for (int i = 0; i < counts[bits - 1]; i++)
            {
                code[values[index]] = (ushort)next++;
                length[values[index]] = (byte)bits;
                index++;
            }

            next <<= 1;
        }
    }
}
