namespace PhotoFF.Codecs;

/// <summary>How <see cref="TextRenderer"/> renders text.</summary>
public sealed record TextOptions
{
    public const string DefaultFont = "DejaVu Sans";

    public const double DefaultSize = 24;

    /// <summary>At 72 dpi a point is a pixel: a size of 24 is 24 pixels per em.</summary>
    public const int DefaultDpi = 72;

    public const double MaxSize = 4096;

    public const int MaxDpi = 9600;

    /// <summary>A font family known to fontconfig ("DejaVu Sans", optionally with pango style words such as
    /// "DejaVu Sans Bold"), or the path of a .ttf/.otf/.ttc font file.</summary>
    public string Font { get; init; } = DefaultFont;

    /// <summary>The font size in points; at <see cref="Dpi"/> 72, in pixels.</summary>
    public double Size { get; init; } = DefaultSize;

    /// <summary>Lines are wrapped at word boundaries to fit this many pixels; null for no wrapping.</summary>
    public int? Width { get; init; }

    public TextAlignment Align { get; init; } = TextAlignment.Left;

    public int Dpi { get; init; } = DefaultDpi;

    /// <summary>The text is pango markup (&lt;b&gt;, &lt;span foreground=...&gt; is not honoured: the color is one); plain text otherwise.</summary>
    public bool Markup { get; init; }
}
