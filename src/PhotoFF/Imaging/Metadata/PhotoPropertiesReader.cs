namespace PhotoFF.Imaging.Metadata;

/// <summary>Turns an EXIF block and an ICC profile into <see cref="PhotoProperties"/>. Values of the wrong type or out of
/// range are left out rather than guessed.</summary>
internal static class PhotoPropertiesReader
{
    /// <summary>The properties of <paramref name="exif"/> and <paramref name="icc"/> (either may be null).</summary>
    /// <exception cref="MetadataFormatException">The EXIF block's structure is broken.</exception>
    public static PhotoProperties Read(byte[]? exif, byte[]? icc)
    {
        string? profile = icc is { Length: > 0 } ? IccProfile.Description(icc) : null;
        if (exif is not { Length: > 0 })
        {
            return profile is null ? PhotoProperties.None : new PhotoProperties { ColorProfile = profile };
        }

        TiffLayout layout = TiffLayout.Parse(exif);
        string? Text(ExifDirectoryKind kind, ushort tag) => layout.Find(kind, tag) is { } entry ? layout.Text(entry) : null;
        uint? Unsigned(ExifDirectoryKind kind, ushort tag) => layout.Find(kind, tag) is { } entry ? layout.Unsigned(entry) : null;
        double? Rational(ExifDirectoryKind kind, ushort tag) => layout.Find(kind, tag) is { } entry ? layout.Rational(entry) : null;

        uint? orientation = Unsigned(ExifDirectoryKind.Primary, ExifTag.Orientation);
        uint? iso = Unsigned(ExifDirectoryKind.Exif, ExifTag.PhotographicSensitivity) is uint sensitivity and > 0
            ? sensitivity
            : Unsigned(ExifDirectoryKind.Exif, ExifTag.IsoSpeed);
        return new PhotoProperties
        {
            Orientation = orientation is >= 1 and <= 8 ? (int)orientation : null,
            DateTaken = ExifDate.Parse(
                Text(ExifDirectoryKind.Exif, ExifTag.DateTimeOriginal),
                Text(ExifDirectoryKind.Exif, ExifTag.SubSecTimeOriginal),
                Text(ExifDirectoryKind.Exif, ExifTag.OffsetTimeOriginal)),
            Make = Text(ExifDirectoryKind.Primary, ExifTag.Make),
            Model = Text(ExifDirectoryKind.Primary, ExifTag.Model),
            Lens = Text(ExifDirectoryKind.Exif, ExifTag.LensModel),
            ExposureTime = Positive(Rational(ExifDirectoryKind.Exif, ExifTag.ExposureTime)),
            FNumber = Positive(Rational(ExifDirectoryKind.Exif, ExifTag.FNumber)),
            Iso = iso is > 0 and <= int.MaxValue ? (int)iso : null,
            FocalLength = Positive(Rational(ExifDirectoryKind.Exif, ExifTag.FocalLength)),
            Gps = Position(layout),
            ColorProfile = profile,
        };
    }

    private static double? Positive(double? value) => value is > 0 and < double.PositiveInfinity ? value : null;

    private static GpsPosition? Position(TiffLayout layout)
    {
        double? latitude = Degrees(layout, ExifTag.GpsLatitude, ExifTag.GpsLatitudeRef, 'N', 'S', 90);
        double? longitude = Degrees(layout, ExifTag.GpsLongitude, ExifTag.GpsLongitudeRef, 'E', 'W', 180);
        if (latitude is not double lat || longitude is not double lon)
        {
            return null;
        }

        double? altitude = null;
        if (layout.Find(ExifDirectoryKind.Gps, ExifTag.GpsAltitude) is { } altitudeEntry && layout.Rational(altitudeEntry) is double metres)
        {
            // GPSAltitudeRef 1 means below sea level; absent means above.
            uint? reference = layout.Find(ExifDirectoryKind.Gps, ExifTag.GpsAltitudeRef) is { } refEntry ? layout.Unsigned(refEntry) : 0;
            altitude = reference switch
            {
                0 => metres,
                1 => -metres,
                _ => null,
            };
        }

        return new GpsPosition(lat, lon, altitude);
    }

    /// <summary>Degrees, minutes and seconds (three RATIONALs) and a reference letter as signed decimal degrees.</summary>
    private static double? Degrees(TiffLayout layout, ushort valueTag, ushort referenceTag, char positive, char negative, double limit)
    {
        if (layout.Find(ExifDirectoryKind.Gps, valueTag) is not { Count: 3 } entry ||
            layout.Find(ExifDirectoryKind.Gps, referenceTag) is not { } referenceEntry ||
            layout.Text(referenceEntry) is not { Length: 1 } reference)
        {
            return null;
        }

        double sign = reference[0] == positive ? 1 : reference[0] == negative ? -1 : 0;
        if (sign == 0 ||
            layout.Rational(entry, 0) is not double degrees ||
            layout.Rational(entry, 1) is not double minutes ||
            layout.Rational(entry, 2) is not double seconds ||
            degrees < 0 || minutes < 0 || minutes >= 60 || seconds < 0 || seconds >= 60)
        {
            return null;
        }

        double value = degrees + (minutes / 60) + (seconds / 3600);
        return value <= limit ? sign * value : null;
    }
}
