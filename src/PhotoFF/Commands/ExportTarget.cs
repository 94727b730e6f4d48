using PhotoFF.Codecs;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Where Export-CudaImage writes: a folder, with names from the sources, or one file.</summary>
internal sealed class ExportTarget
{
    private readonly string path;
    private readonly bool isFolder;
    private readonly ImageFormat? format;

    private ExportTarget(string path, bool isFolder, ImageFormat? format)
    {
        this.path = path;
        this.isFolder = isFolder;
        this.format = format;
    }

    /// <summary>A folder when the path is one, ends with a separator or has no extension; otherwise a file, whose
    /// extension (or -Format) must name a format.</summary>
    /// <exception cref="ArgumentException">A file whose extension names no format PhotoFF writes.</exception>
    /// <exception cref="DestinationIsFileException">The folder, or a folder on the way, is an existing file.</exception>
    public static ExportTarget Resolve(string path, ImageFormat? format)
    {
        bool folder = Directory.Exists(path) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar)
            || Path.GetExtension(path).Length == 0;
        if (!folder && format is null && !ImageEncoder.TryFormatFromExtension(path, out _))
        {
            throw new ArgumentException(
                $"'{Path.GetExtension(path)}' is not an image format PhotoFF writes; use .jpg, .png, .webp, .tif, .avif or .gif, or -Format. " +
                $"If '{path}' is meant as a folder, end it with '/': '{path}/'.");
        }

        string fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        CheckNoFileInTheWay(folder ? fullPath : Path.GetDirectoryName(fullPath), folder);
        return new ExportTarget(fullPath, folder, format);
    }

    /// <summary>The first existing folder on the way up must be a folder: a file there would otherwise surface as
    /// "already exists" or "could not find a part of the path" for every image.</summary>
    private static void CheckNoFileInTheWay(string? folder, bool isDestination)
    {
        for (string? current = folder; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return;
            }

            if (File.Exists(current))
            {
                throw new DestinationIsFileException(isDestination && current == folder
                    ? $"'{current}' is a file, not a folder. Give a folder to export images into (it is created if missing), or a file name with an image extension (.png, .jpg...) for one image."
                    : $"'{current}' is a file, so no folder can be made under it for '{folder}'.");
            }
        }
    }

    /// <summary>The file for <paramref name="image"/>: in folder mode its source's name with the format's extension
    /// (or the source's, when that is a format PhotoFF writes), else image-0001.png and so on.</summary>
    public string PathFor(CudaImage image, ref int unnamed)
    {
        if (!isFolder)
        {
            return path;
        }

        string? stem = Path.GetFileNameWithoutExtension(image.SourcePath);
        if (string.IsNullOrEmpty(stem))
        {
            stem = $"image-{++unnamed:D4}";
        }

        string extension = format is { } chosen
            ? ImageEncoder.DefaultExtension(chosen)
            : image.SourcePath is not null && ImageEncoder.TryFormatFromExtension(image.SourcePath, out _)
                ? Path.GetExtension(image.SourcePath)
                : ImageEncoder.DefaultExtension(ImageFormat.Png);
        return Path.Combine(path, stem + extension);
    }

    public ImageFormat FormatFor(string file) =>
        format ?? (ImageEncoder.TryFormatFromExtension(file, out ImageFormat fromExtension) ? fromExtension : ImageFormat.Png);

    public void EnsureFolder(string file)
    {
        string? folder = Path.GetDirectoryName(file);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
