using System.Globalization;

namespace PhotoFF.Imaging.Metadata;

/// <summary>EXIF's date and time texts: "YYYY:MM:DD HH:MM:SS", the fraction of a second as digits, an offset "+HH:MM".
/// Anything else (blank fields, "0000:00:00 00:00:00", out-of-range values) is no date.</summary>
internal static class ExifDate
{
    /// <summary>A <see cref="DateTimeOffset"/> when <paramref name="offset"/> is valid, else a <see cref="DateTime"/> of
    /// unspecified kind; null when <paramref name="dateTime"/> is not a valid EXIF date.</summary>
    public static object? Parse(string? dateTime, string? subSeconds, string? offset)
    {
        if (dateTime is null || !DateTime.TryParseExact(dateTime, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime taken))
        {
            return null;
        }

        taken = taken.Add(Fraction(subSeconds));
        return ParseOffset(offset) is TimeSpan zone ? new DateTimeOffset(taken, zone) : (object)taken;
    }

    private static TimeSpan Fraction(string? digits)
    {
        if (digits is not { Length: > 0 } || !digits.All(char.IsAsciiDigit))
        {
            return TimeSpan.Zero;
        }

        // "054" is 0.054 s; ticks are 100 ns, so seven digits are kept.
        string ticks = (digits.Length > 7 ? digits[..7] : digits).PadRight(7, '0');
        return TimeSpan.FromTicks(long.Parse(ticks, CultureInfo.InvariantCulture));
    }

    private static TimeSpan? ParseOffset(string? text)
    {
        if (text is not { Length: 6 } || text[0] is not ('+' or '-') || text[3] != ':' ||
            !int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hours) ||
            !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) ||
            hours > 14 || minutes > 59)
        {
            return null;
        }

        TimeSpan offset = new(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }
}
