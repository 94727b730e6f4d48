using System.Globalization;

namespace PhotoFF.Imaging.Metadata;

/// <summary>Where a photo was taken, from its EXIF GPS directory, in signed decimal degrees (north and east positive)
/// and metres above sea level (negative below it).</summary>
/// <param name="Latitude">-90 to 90 degrees, north positive.</param>
/// <param name="Longitude">-180 to 180 degrees, east positive.</param>
/// <param name="Altitude">Metres above sea level, or null when the file does not say.</param>
public sealed record GpsPosition(double Latitude, double Longitude, double? Altitude)
{
    /// <summary>"60.146706, 24.906772" (six decimals: about 0.1 m), with the altitude when known: what tables show and
    /// what map sites accept.</summary>
    public override string ToString()
    {
        string position = string.Create(CultureInfo.InvariantCulture, $"{Latitude:0.######}, {Longitude:0.######}");
        return Altitude is double metres ? string.Create(CultureInfo.InvariantCulture, $"{position}, {metres:0.#} m") : position;
    }
}
