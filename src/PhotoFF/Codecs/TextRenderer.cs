using System.Globalization;
using System.Security;
using NetVips;
using PhotoFF.Backends;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// Renders text with pango through libvips' text operation into a coverage mask, crops it to the ink (no fully
/// transparent border row or column is left), and colors it: each pixel is the color with alpha = coverage x A / 255.
/// A missing font is an error rather than pango's silent fallback: a font file must exist and be a font, and a
/// family must be the one fontconfig resolves it to (checked through the system's libfontconfig when it is present).
/// </summary>
public static class TextRenderer
{
    /// <summary>Families that fontconfig always resolves to something: pango's generic names.</summary>
    private static readonly HashSet<string> GenericFamilies = new(StringComparer.OrdinalIgnoreCase)
    {
        "sans", "sans-serif", "serif", "monospace", "mono", "cursive", "fantasy", "system-ui", "emoji",
    };

    /// <summary>Words pango reads as style, weight, variant or stretch at the end of a font description.</summary>
    private static readonly HashSet<string> StyleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "normal", "roman", "oblique", "italic", "small-caps", "thin", "ultra-light", "extra-light", "light", "semi-light",
        "demi-light", "book", "regular", "medium", "semi-bold", "demi-bold", "bold", "ultra-bold", "extra-bold", "heavy",
        "black", "ultra-heavy", "extra-heavy", "ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
        "semi-expanded", "expanded", "extra-expanded", "ultra-expanded", "not-rotated", "south", "upside-down", "north",
        "rotated-left", "east", "rotated-right", "west",
    };

    private static readonly string[] FontFileExtensions = [".ttf", ".otf", ".ttc", ".otc"];

    /// <summary>Whether <paramref name="font"/> names a font file rather than a family.</summary>
    public static bool IsFontFile(string font) =>
        FontFileExtensions.Any(e => font.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ||
        font.Contains(Path.DirectorySeparatorChar) || font.Contains(Path.AltDirectorySeparatorChar);

    /// <summary>Renders <paramref name="text"/> in <paramref name="color"/> into a new image on <paramref name="backend"/>
    /// (the current backend when null).</summary>
    internal static CudaImage RenderImage(string text, TextOptions options, Rgba color, IImageBackend? backend = null)
    {
        (byte[] coverage, int width, int height) = RenderCoverage(text, options);
        return CudaImage.FromPixels(Colorize(coverage, color), width, height, backend);
    }

    /// <summary>The cropped coverage mask of <paramref name="text"/>: one byte per pixel, 0 (none) to 255 (full).</summary>
    public static (byte[] Coverage, int Width, int Height) RenderCoverage(string text, TextOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        VipsRuntime.EnsureInitialized();
        (string family, string? fontFile) = ResolveFont(options.Font);
        string description = string.Create(CultureInfo.InvariantCulture, $"{family} {options.Size:0.###}");
        string content = options.Markup ? text : SecurityElement.Escape(text);

        (byte[] mask, int width, int height) = VipsErrorGate.Run(() => Render(content, description, fontFile, options));
        return Crop(mask, width, height);
    }

    private static (byte[] Mask, int Width, int Height) Render(string content, string description, string? fontFile, TextOptions options)
    {
        using VipsMessageCapture capture = VipsMessageCapture.Begin();
        try
        {
            using Image rendered = Image.Text(content, font: description, width: options.Width, dpi: options.Dpi, fontfile: fontFile,
                align: options.Align switch
                {
                    TextAlignment.Centre => Enums.Align.Centre,
                    TextAlignment.Right => Enums.Align.High,
                    _ => Enums.Align.Low,
                },
                wrap: Enums.TextWrap.WordChar);
            using Image band = rendered.Bands > 1 ? rendered.ExtractBand(rendered.Bands - 1) : rendered.Copy();
            using Image bytes = band.Cast(Enums.BandFormat.Uchar);
            return (bytes.WriteToMemory<byte>(), bytes.Width, bytes.Height);
        }
        catch (VipsException error)
        {
            throw new ArgumentException($"libvips could not render the text: {VipsErrors.Reason(error, null, capture.Messages)}", "text", error);
        }
    }

    /// <summary>RGBA pixels of <paramref name="color"/> with alpha = coverage x A / 255, rounded; transparent black where
    /// that alpha is 0.</summary>
    public static byte[] Colorize(ReadOnlySpan<byte> coverage, Rgba color)
    {
        byte[] rgba = new byte[coverage.Length * 4];
        for (int i = 0; i < coverage.Length; i++)
        {
            int alpha = (coverage[i] * color.A + 127) / 255;
            if (alpha != 0)
            {
                rgba[i * 4] = color.R;
                rgba[i * 4 + 1] = color.G;
                rgba[i * 4 + 2] = color.B;
                rgba[i * 4 + 3] = (byte)alpha;
            }
        }

        return rgba;
    }

    /// <summary>The family to ask pango for and the font file to load, after checking that the font exists.</summary>
    public static (string Family, string? FontFile) ResolveFont(string font)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(font);
        if (IsFontFile(font))
        {
            string path = Path.GetFullPath(font);
            if (!File.Exists(path))
            {
                throw new FontNotFoundException(font, $"The font file '{path}' does not exist.");
            }

            string? declared = OpenTypeNames.ReadFamily(path);
            return declared is null
                ? throw new FontNotFoundException(font, $"'{path}' is not a TrueType or OpenType font (or its name table cannot be read).")
                : (declared, path);
        }

        string family = FamilyOf(font);
        if (!GenericFamilies.Contains(family) && FontConfig.MatchedFamilies(family) is { } matched && !matched.Any(m => FontConfig.SameFamily(m, family)))
        {
            string instead = matched.Count > 0 ? $" (fontconfig would use '{matched[0]}' instead)" : string.Empty;
            throw new FontNotFoundException(font,
                $"The font family '{family}' is not installed{instead}. Name an installed family (fc-list : family lists them) or the path of a .ttf/.otf file.");
        }

        return (font.Trim(), null);
    }

    /// <summary>The family part of a pango font description: the words before any trailing style words.</summary>
    private static string FamilyOf(string font)
    {
        string[] words = font.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int end = words.Length;
        while (end > 1 && StyleWords.Contains(words[end - 1]))
        {
            end--;
        }

        return string.Join(' ', words[..end]).Split(',')[0].Trim();
    }

    /// <summary>Crops the mask to the rows and columns that hold any coverage.</summary>
    private static (byte[] Coverage, int Width, int Height) Crop(byte[] mask, int width, int height)
    {
        int left = width, right = -1, top = height, bottom = -1;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = mask.AsSpan(y * width, width);
            int first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            int last = row.LastIndexOfAnyExcept((byte)0);
            left = Math.Min(left, first);
            right = Math.Max(right, last);
            top = Math.Min(top, y);
            bottom = y;
        }

        if (bottom < 0)
        {
            throw new ArgumentException("The text renders no visible pixels (is it only white space?).", "text");
        }

        int croppedWidth = right - left + 1;
        int croppedHeight = bottom - top + 1;
        byte[] cropped = new byte[croppedWidth * croppedHeight];
        for (int y = 0; y < croppedHeight; y++)
        {
            mask.AsSpan((top + y) * width + left, croppedWidth).CopyTo(cropped.AsSpan(y * croppedWidth));
        }

        return (cropped, croppedWidth, croppedHeight);
    }
}
