using PhotoFF.Imaging.Metadata;

namespace PhotoFF.Codecs;

/// <summary>
/// What Get-ImageMetadata reports for one file, read from its header without decoding pixels: the size as stored and as
/// shown (after the EXIF orientation), the format, and what the EXIF block and ICC profile say.
/// </summary>
public sealed record ImageFileMetadata
{
    internal ImageFileMetadata(string path, string format, int storedWidth, int storedHeight, int orientation, PhotoProperties properties)
    {
        Path = path;
        Format = format;
        StoredWidth = storedWidth;
        StoredHeight = storedHeight;
        Orientation = orientation;
        bool turned = orientation is >= 5 and <= 8;
        Width = turned ? storedHeight : storedWidth;
        Height = turned ? storedWidth : storedHeight;
        Properties = properties;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The format libvips recognised: "jpeg", "png", "heif", "webp", "tiff", "gif"...</summary>
    public string Format { get; }

    /// <summary>The width as shown, after the orientation: what Import-CudaImage gives.</summary>
    public int Width { get; }

    /// <summary>The height as shown, after the orientation.</summary>
    public int Height { get; }

    /// <summary>The width of the pixels as stored in the file.</summary>
    public int StoredWidth { get; }

    /// <summary>The height of the pixels as stored in the file.</summary>
    public int StoredHeight { get; }

    /// <summary>The EXIF orientation that Import-CudaImage applies, 1 (as stored) to 8; 1 when the file has none. HEIF
    /// files are turned by their container, which libheif applies while reading: for them this is 1 and the stored size
    /// is the shown one.</summary>
    public int Orientation { get; }

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

    internal PhotoProperties Properties { get; }

    public override string ToString() => Path;
}
