namespace PhotoFF.Codecs;

/// <summary>A font that is not installed, or a font file that does not exist or is not a font.</summary>
public sealed class FontNotFoundException : Exception
{
    public FontNotFoundException(string font, string message)
        : base(message)
    {
        Font = font;
    }

    public string Font { get; }
}
