using System.Globalization;

namespace PhotoFF.Imaging;

/// <summary>An 8-bit RGBA color, straight alpha. Parsed from <c>#RRGGBB</c>, <c>#RRGGBBAA</c>, <c>#RGB</c>, a
/// color name (<c>White</c>, <c>Transparent</c>, CSS names) or 3 or 4 components.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static Rgba Transparent => new(0, 0, 0, 0);

    public static Rgba Black => new(0, 0, 0);

    public static Rgba White => new(255, 255, 255);

    /// <summary>The color as one 32-bit word with R in the lowest byte: the pixel layout in memory.</summary>
    public uint Packed => R | (uint)G << 8 | (uint)B << 16 | (uint)A << 24;

    public static Rgba FromPacked(uint pixel) => new((byte)pixel, (byte)(pixel >> 8), (byte)(pixel >> 16), (byte)(pixel >> 24));

    public static Rgba Parse(string text)
    {
        if (TryParse(text, out Rgba color, out string? error))
        {
            return color;
        }

        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out Rgba color, out string? error)
    {
        color = default;
        error = null;
        string value = (text ?? string.Empty).Trim();
        if (value.StartsWith('#'))
        {
            string hex = value[1..];
            if (hex.Length == 3)
            {
                hex = string.Concat(hex.Select(c => new string(c, 2)));
            }

            if ((hex.Length == 6 || hex.Length == 8) && uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint bits))
            {
                color = hex.Length == 6
                    ? new Rgba((byte)(bits >> 16), (byte)(bits >> 8), (byte)bits)
                    : new Rgba((byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits);
                return true;
            }

            error = $"'{value}' is not a color: use #RRGGBB, #RRGGBBAA or #RGB with hexadecimal digits.";
            return false;
        }

        if (NamedColors.TryGet(value, out color))
        {
            return true;
        }

        error = $"'{value}' is not a known color name. Use a name such as White, Black, Transparent, Red, " +
                "CornflowerBlue (the CSS color names), #RRGGBB, #RRGGBBAA or @(r, g, b[, a]).";
        return false;
    }

    /// <summary>From 3 or 4 components, each 0..255.</summary>
    public static Rgba FromComponents(IReadOnlyList<int> components)
    {
        if (components.Count is not (3 or 4))
        {
            throw new FormatException($"A color has 3 or 4 components (r, g, b[, a]), not {components.Count}.");
        }

        foreach (int component in components)
        {
            if (component is < 0 or > 255)
            {
                throw new FormatException($"Color components are 0 to 255; {component} is out of range.");
            }
        }

        return new Rgba((byte)components[0], (byte)components[1], (byte)components[2], components.Count == 4 ? (byte)components[3] : (byte)255);
    }

    public override string ToString() => A == 255 ? $"#{R:X2}{G:X2}{B:X2}" : $"#{R:X2}{G:X2}{B:X2}{A:X2}";
}
