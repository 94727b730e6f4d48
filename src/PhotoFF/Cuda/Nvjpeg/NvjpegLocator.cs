namespace PhotoFF.Cuda.Nvjpeg;

/// <summary>
/// Where libnvjpeg is looked for, newest first: <c>$env:PHOTOFF_NVJPEG</c> when it names a file (or turns nvJPEG off),
/// else <c>libnvjpeg.so.13</c> then <c>.so.12</c> (<c>nvjpeg64_13.dll</c>, <c>nvjpeg64_12.dll</c> on Windows), each on the
/// library search path and then in the CUDA toolkit's folders (<c>/usr/local/cuda/lib64</c>,
/// <c>/usr/local/cuda/targets/x86_64-linux/lib</c>, <c>$env:CUDA_PATH</c>'s lib64, bin and bin/x64).
/// The file system and the loader come in as functions, so that the search and its messages are tested anywhere.
/// </summary>
internal static class NvjpegLocator
{
    public const string EnvironmentVariable = "PHOTOFF_NVJPEG";

    private static readonly string[] Off = ["off", "none", "no", "0", "false", "libvips"];

    /// <summary>Loads the first candidate that loads: the handle and what it was, or 0 and why nothing was.</summary>
    /// <param name="windows">Whether Windows file names and folders apply.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="tryLoad">Loads a library by file name (searched) or path; 0 when it cannot.</param>
    public static (nint Handle, string Found) Find(bool windows, Func<string, string?> environment, Func<string, nint> tryLoad)
    {
        string? chosen = environment(EnvironmentVariable)?.Trim();
        if (!string.IsNullOrEmpty(chosen))
        {
            if (Off.Contains(chosen, StringComparer.OrdinalIgnoreCase))
            {
                return (0, $"nvJPEG turned off (${EnvironmentVariable} is '{chosen}')");
            }

            nint forced = tryLoad(chosen);
            return forced != 0
                ? (forced, chosen)
                : (0, $"${EnvironmentVariable} names '{chosen}', which could not be loaded");
        }

        string[] names = windows ? ["nvjpeg64_13.dll", "nvjpeg64_12.dll"] : ["libnvjpeg.so.13", "libnvjpeg.so.12"];
        IReadOnlyList<string> folders = ToolkitFolders(windows, environment);
        foreach (string name in names)
        {
            nint onSearchPath = tryLoad(name);
            if (onSearchPath != 0)
            {
                return (onSearchPath, name);
            }

            foreach (string folder in folders)
            {
                string path = Path.Combine(folder, name);
                nint inFolder = tryLoad(path);
                if (inFolder != 0)
                {
                    return (inFolder, path);
                }
            }
        }

        string where = folders.Count == 0 ? "on the library search path" : $"on the library search path and in {string.Join(", ", folders)}";
        return (0, $"libnvjpeg not found (looked for {names[0]} and {names[1]} {where}; set ${EnvironmentVariable} to its path)");
    }

    /// <summary>The CUDA toolkit's library folders on this kind of system, <c>$env:CUDA_PATH</c>'s first.</summary>
    public static IReadOnlyList<string> ToolkitFolders(bool windows, Func<string, string?> environment)
    {
        List<string> folders = [];
        string? cudaPath = environment("CUDA_PATH")?.Trim();
        if (!string.IsNullOrEmpty(cudaPath))
        {
            // CUDA 13 on Windows keeps its DLLs in bin\x64, CUDA 12 in bin.
            folders.AddRange(windows
                ? [Path.Combine(cudaPath, "bin", "x64"), Path.Combine(cudaPath, "bin")]
                : [Path.Combine(cudaPath, "lib64"), Path.Combine(cudaPath, "targets", "x86_64-linux", "lib")]);
        }

        if (!windows)
        {
            folders.AddRange(["/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib"]);
        }

        return folders.Distinct(StringComparer.Ordinal).ToArray();
    }
}
