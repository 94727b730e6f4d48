namespace PhotoFF.Codecs.Jpeg;

/// <summary>The JPEG marker codes (ITU T.81, table B.1) that the parser and the metadata writer tell apart.</summary>
internal static class JpegMarker
{
    public const byte Prefix = 0xFF;
    public const byte StartOfFrameBaseline = 0xC0;
    public const byte StartOfFrameExtended = 0xC1;
    public const byte DefineHuffmanTables = 0xC4;
    public const byte Jpg = 0xC8;
    public const byte DefineArithmeticConditioning = 0xCC;
    public const byte Restart0 = 0xD0;
    public const byte Restart7 = 0xD7;
    public const byte StartOfImage = 0xD8;
    public const byte EndOfImage = 0xD9;
    public const byte StartOfScan = 0xDA;
    public const byte DefineQuantizationTables = 0xDB;
    public const byte DefineNumberOfLines = 0xDC;
    public const byte DefineRestartInterval = 0xDD;
    public const byte App0 = 0xE0;
    public const byte App1 = 0xE1;
    public const byte App2 = 0xE2;
    public const byte App14 = 0xEE;
    public const byte App15 = 0xEF;
    public const byte Comment = 0xFE;

    /// <summary>The largest segment body: the 16-bit length counts itself.</summary>
    public const int MaxSegmentBody = 65533;

    public static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not DefineHuffmanTables and not Jpg and not DefineArithmeticConditioning;

    public static bool IsRestart(byte marker) => marker is >= Restart0 and <= Restart7;
}
