namespace PhotoFF.Codecs.Jpeg;

/// <summary>A parsed JPEG: the header when the stream is one clean sequential scan, otherwise why it is not.</summary>
internal sealed record JpegParseResult(JpegHeader? Header, string? Problem)
{
    public static JpegParseResult Clean(JpegHeader header) => new(header, null);

    public static JpegParseResult Unclean(string problem) => new(null, problem);
}
