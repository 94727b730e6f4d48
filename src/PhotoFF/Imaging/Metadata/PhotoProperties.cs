namespace PhotoFF.Imaging.Metadata;

/// <summary>
/// What a photo's EXIF and ICC profile say about it, as named values: when and with what it was taken, the exposure,
/// where, and its colour profile. Each value is null when the file does not carry it (or carries it malformed).
/// </summary>
internal sealed record PhotoProperties
{
    public static PhotoProperties None { get; } = new();

    /// <summary>The EXIF orientation, 1 to 8 (1: as stored), or null.</summary>
    public int? Orientation { get; init; }

    /// <summary>When the photo was taken (EXIF DateTimeOriginal, with SubSecTimeOriginal's fraction): a
    /// <see cref="DateTimeOffset"/> when the file has OffsetTimeOriginal, else a <see cref="DateTime"/> of unspecified
    /// kind (the camera's clock, zone unknown); null when absent.</summary>
    public object? DateTaken { get; init; }

    /// <summary>The camera's maker (EXIF Make).</summary>
    public string? Make { get; init; }

    /// <summary>The camera's model (EXIF Model).</summary>
    public string? Model { get; init; }

    /// <summary>The lens (EXIF LensModel).</summary>
    public string? Lens { get; init; }

    /// <summary>Seconds the shutter was open.</summary>
    public double? ExposureTime { get; init; }

    /// <summary>The aperture as an f-number (2.8 for f/2.8).</summary>
    public double? FNumber { get; init; }

    /// <summary>The sensitivity (EXIF PhotographicSensitivity, or ISOSpeed when that is absent).</summary>
    public int? Iso { get; init; }

    /// <summary>The lens's focal length in millimetres (not the 35 mm equivalent).</summary>
    public double? FocalLength { get; init; }

    /// <summary>Where it was taken, or null when the file has no (valid) GPS position.</summary>
    public GpsPosition? Gps { get; init; }

    /// <summary>The embedded ICC profile's description ("sRGB IEC61966-2.1", "Display P3"), or null.</summary>
    public string? ColorProfile { get; init; }

    /// <summary>Make and model as people say them: "Canon EOS 40D" (the model alone when it starts with the maker's
    /// name, as "NIKON D750" does after "NIKON CORPORATION"), "HMD Global Nokia 8.3 5G".</summary>
    public string? Camera => (Make, Model) switch
    {
        (null, null) => null,
        (null, string model) => model,
        (string make, null) => make,
        (string make, string model) when model.StartsWith(make.Split(' ')[0], StringComparison.OrdinalIgnoreCase) => model,
        (string make, string model) => $"{make} {model}",
    };
}
