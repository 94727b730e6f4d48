namespace PhotoFF.Codecs.Heif;

/// <summary>
/// An HEVC decoder configuration record (the hvcC property, ISO/IEC 14496-15 8.3.3): the stream's chroma format, bit
/// depths, the size of the length prefix of each NAL unit in the item data, and the parameter sets (VPS, SPS, PPS,
/// SEI) that precede the slices.
/// </summary>
internal sealed class HevcConfiguration
{
    /// <summary>More parameter-set bytes than any real stream has; a guard against absurd records.</summary>
    private const int MaxParameterSetBytes = 1 << 20;

    private HevcConfiguration(int chromaFormat, int bitDepthLuma, int bitDepthChroma, int lengthSize,
        IReadOnlyList<ReadOnlyMemory<byte>> parameterSets)
    {
        ChromaFormat = chromaFormat;
        BitDepthLuma = bitDepthLuma;
        BitDepthChroma = bitDepthChroma;
        LengthSize = lengthSize;
        ParameterSets = parameterSets;
    }

    /// <summary>0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (chroma_format_idc).</summary>
    public int ChromaFormat { get; }

    public int BitDepthLuma { get; }

    public int BitDepthChroma { get; }

    /// <summary>Bytes of the big-endian length before each NAL unit of the item data: 1, 2 or 4.</summary>
    public int LengthSize { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> ParameterSets { get; }

    public static HevcConfiguration Parse(BoxCursor cursor)
    {
        var version = cursor.U8();
        if (version != 1)
        {
            throw new HeifFormatException($"the hvcC property has configuration version {version}, not 1");
        }

        cursor.Skip(1 + 4 + 6 + 1 + 2 + 1); // profile, compatibility, constraints, level, segmentation, parallelism
        var chromaFormat = cursor.U8() & 3;
        var bitDepthLuma = (cursor.U8() & 7) + 8;
        var bitDepthChroma = (cursor.U8() & 7) + 8;
        cursor.Skip(2); // average frame rate
        var lengthSize = (cursor.U8() & 3) + 1;
        if (lengthSize == 3)
        {
            throw new HeifFormatException("the hvcC property gives NAL units a 3-byte length, which HEVC does not allow");
        }

        var arrays = cursor.U8();
        var sets = new List<ReadOnlyMemory<byte>>();
        var total = 0;
        for (var a = 0; a < arrays; a++)
        {
            cursor.U8(); // completeness and NAL unit type
            var count = cursor.U16();
            for (var n = 0; n < count; n++)
            {
                var length = cursor.U16();
                if (length == 0)
                {
                    throw new HeifFormatException("the hvcC property holds an empty parameter set");
                }

                total += length;
                if (total > MaxParameterSetBytes)
                {
                    throw new HeifFormatException("the hvcC property holds more than 1 MB of parameter sets");
                }

                sets.Add(cursor.Bytes(length));
            }
        }

        if (sets.Count == 0)
        {
            throw new HeifFormatException("the hvcC property holds no parameter sets");
        }

        return new HevcConfiguration(chromaFormat, bitDepthLuma, bitDepthChroma, lengthSize, sets);
    }

    /// <summary>
    /// The parameter sets and then the NAL units of <paramref name="sample"/> (length-prefixed, as stored in an item),
    /// each after a 4-byte start code: the Annex B byte stream that hardware decoders and their parsers read.
    /// </summary>
    public byte[] ToAnnexB(ReadOnlySpan<byte> sample)
    {
        var nalUnits = new List<Range>();
        var size = 0L;
        foreach (var set in ParameterSets)
        {
            size += 4 + set.Length;
        }

        var position = 0;
        while (position < sample.Length)
        {
            if (sample.Length - position < LengthSize)
            {
                throw new HeifFormatException("the image data ends inside a NAL unit's length");
            }

            var length = 0;
            for (var i = 0; i < LengthSize; i++)
            {
                length = (length << 8) | sample[position + i];
            }

            position += LengthSize;
            if (length <= 0 || length > sample.Length - position)
            {
                throw new HeifFormatException(
                    $"a NAL unit of the image data claims {(uint)length} bytes but {sample.Length - position} are left");
            }

            nalUnits.Add(new Range(position, position + length));
            size += 4 + length;
            position += length;
        }

        if (nalUnits.Count == 0)
        {
            throw new HeifFormatException("the image item holds no coded data");
        }

        var stream = new byte[size];
        var at = 0;
        foreach (var set in ParameterSets)
        {
            at = AppendNalUnit(stream, at, set.Span);
        }

        foreach (var unit in nalUnits)
        {
            at = AppendNalUnit(stream, at, sample[unit]);
        }

        return stream;
    }

    private static int AppendNalUnit(byte[] stream, int at, ReadOnlySpan<byte> unit)
    {
        stream[at + 3] = 1;
        unit.CopyTo(stream.AsSpan(at + 4));
        return at + 4 + unit.Length;
    }
}
