namespace PhotoFF.Host;

/// <summary>
/// Finds PhotoFF.psd1: in the module/ folder beside photoff (where the build copies it: not beside the engine's
/// System.Management.Automation.dll, where PowerShell would not find the module's format file), beside photoff, or
/// else in a folder above it (the repository root).
/// </summary>
public static class ModuleLocator
{
    public const string ManifestName = "PhotoFF.psd1";

    public static string? Find(string? startDirectory = null)
    {
        string start = startDirectory ?? AppContext.BaseDirectory;
        string beside = Path.Combine(start, "module", ManifestName);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
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
