namespace PhotoFF.Host;

/// <summary>Finds PhotoFF.psd1: next to photoff (the build copies it there), else in a folder above it (the repository root).</summary>
public static class ModuleLocator
{
    public const string ManifestName = "PhotoFF.psd1";

    public static string? Find(string? startDirectory = null)
    {
        for (DirectoryInfo? directory = new(startDirectory ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, ManifestName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
