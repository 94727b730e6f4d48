using System.Globalization;
using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Imaging;

/// <summary>
/// The metadata blocks of a decoded image, exactly as the file carried them, and what they say as named values
/// (<c>$image.Metadata.DateTaken</c>, <c>.Camera</c>, <c>.Gps</c>), read from the blocks the first time one is asked for.
/// An EXIF block whose structure is broken gives no EXIF values (the ICC profile's name still comes through).
/// </summary>
public sealed class ImageMetadata
{
    private PhotoProperties? properties;

    /// <param name="exif">The raw EXIF block (libvips "exif-data"), or null.</param>
    /// <param name="xmp">The XMP packet (libvips "xmp-data"), or null.</param>
    /// <param name="icc">The embedded ICC profile (libvips "icc-profile-data"), or null. The decoded pixels are already
    /// converted from it to sRGB.</param>
    public ImageMetadata(byte[]? exif, byte[]? xmp, byte[]? icc)
    {
        Exif = exif;
        Xmp = xmp;
        Icc = icc;
    }

    public static ImageMetadata None { get; } = new(null, null, null);

    /// <summary>The raw EXIF block, or null.</summary>
    public byte[]? Exif { get; }

    /// <summary>The XMP packet, or null.</summary>
    public byte[]? Xmp { get; }

    /// <summary>The embedded ICC profile, or null.</summary>
    public byte[]? Icc { get; }

    public bool IsEmpty => Exif is not { Length: > 0 } && Xmp is not { Length: > 0 } && Icc is not { Length: > 0 };

    /// <inheritdoc cref="PhotoProperties.DateTaken"/>
    public object? DateTaken => Properties.DateTaken;

    /// <inheritdoc cref="PhotoProperties.Camera"/>
    public string? Camera => Properties.Camera;

    /// <inheritdoc cref="PhotoProperties.Make"/>
    public string? Make => Properties.Make;

    /// <inheritdoc cref="PhotoProperties.Model"/>
    public string? Model => Properties.Model;

    /// <inheritdoc cref="PhotoProperties.Lens"/>
    public string? Lens => Properties.Lens;

    /// <inheritdoc cref="PhotoProperties.ExposureTime"/>
    public double? ExposureTime => Properties.ExposureTime;

    /// <inheritdoc cref="PhotoProperties.FNumber"/>
    public double? FNumber => Properties.FNumber;

    /// <inheritdoc cref="PhotoProperties.Iso"/>
    public int? Iso => Properties.Iso;

    /// <inheritdoc cref="PhotoProperties.FocalLength"/>
    public double? FocalLength => Properties.FocalLength;

    /// <inheritdoc cref="PhotoProperties.Gps"/>
    public GpsPosition? Gps => Properties.Gps;

    /// <inheritdoc cref="PhotoProperties.ColorProfile"/>
    public string? ColorProfile => Properties.ColorProfile;

    /// <summary>The named values; read once.</summary>
    internal PhotoProperties Properties => properties ??= Read();

    /// <summary>
    /// A copy without <paramref name="groups"/>: the EXIF block edited in place (<see cref="ExifEditor"/>), the XMP
    /// packet's properties removed, the packet or the profile dropped. A block that cannot be edited safely because its
    /// structure is broken is dropped whole, and <paramref name="warnings"/> says so: what was to be removed never
    /// stays.
    /// </summary>
    public ImageMetadata Without(IEnumerable<MetadataGroup> groups, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        HashSet<MetadataGroup> removed = [.. groups];
        if (removed.Count == 0 || IsEmpty)
        {
            return this;
        }

        byte[]? exif = Exif;
        bool exifAffected = removed.Overlaps([MetadataGroup.Gps, MetadataGroup.Camera, MetadataGroup.Thumbnail]);
        if (exif is { Length: > 0 } && exifAffected)
        {
            try
            {
                exif = ExifEditor.Remove(exif, removed);
            }
            catch (MetadataFormatException broken)
            {
                warnings?.Add($"the EXIF block was left out: it is damaged, so {Names(removed)} could not be removed from it with certainty ({broken.Message})");
                exif = null;
            }
        }

        byte[]? xmp = removed.Contains(MetadataGroup.Xmp) ? null : Xmp;
        if (xmp is { Length: > 0 })
        {
            try
            {
                xmp = XmpEditor.Remove(xmp, removed);
            }
            catch (MetadataFormatException broken)
            {
                warnings?.Add($"the XMP packet was left out: {broken.Message}, so {Names(removed)} could not be removed from it with certainty");
                xmp = null;
            }
        }

        return new ImageMetadata(exif, xmp, removed.Contains(MetadataGroup.Icc) ? null : Icc);
    }

    /// <summary>"2022-08-14 14:12:31 +03:00, HMD Global Nokia 8.3 5G, GPS 60.146706, 24.906772": what a table shows.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        switch (DateTaken)
        {
            case DateTimeOffset zoned:
                parts.Add(zoned.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
                break;
            case DateTime local:
                parts.Add(local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                break;
        }

        if (Camera is { } camera)
        {
            parts.Add(camera);
        }

        if (Gps is { } gps)
        {
            parts.Add($"GPS {gps}");
        }

        return parts.Count > 0 ? string.Join(", ", parts) : IsEmpty ? "none" : "no EXIF values";
    }

    private static string Names(IEnumerable<MetadataGroup> groups) => string.Join(", ", groups.Order());

    private PhotoProperties Read()
    {
        try
        {
            return PhotoPropertiesReader.Read(Exif, Icc);
        }
        catch (MetadataFormatException)
        {
            return PhotoPropertiesReader.Read(null, Icc);
        }
    }
}
