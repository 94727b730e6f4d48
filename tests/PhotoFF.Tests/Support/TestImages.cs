namespace PhotoFF.Tests.Support;

/// <summary>The shared test images: ../shared/testimages beside the repository (as CI lays it out), or PHOTOFF_TESTIMAGES.</summary>
public static class TestImages
{
    private static readonly Lazy<string> RootPath = new(Find);

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        string? configured = Environment.GetEnvironmentVariable("PHOTOFF_TESTIMAGES");
        if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured))
        {
            return configured;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "testimages");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "shared/testimages was not found beside the repository or any parent of " + AppContext.BaseDirectory + "; set PHOTOFF_TESTIMAGES.");
    }
}
