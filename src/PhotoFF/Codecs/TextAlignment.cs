namespace PhotoFF.Codecs;

/// <summary>How the lines of a text are aligned to each other.</summary>
public enum TextAlignment
{
    Left,
    Centre,
    Right,
}
