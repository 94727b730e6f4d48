using System.Runtime.InteropServices;

namespace PhotoFF.Cuda.Nvjpeg;

/// <summary>
/// libnvjpeg, loaded once per process on first use (see <see cref="NvjpegLocator"/> for where it is looked for). It is
/// never required: without it, or with one older than nvJPEG 12, JPEG goes through libvips and <see cref="Reason"/>
/// says why.
/// </summary>
internal static class NvjpegLibrary
{
    private static readonly object Gate = new();
    private static bool probed;
    private static Version? version;
    private static string reason = string.Empty;

    /// <summary>The library's version (nvjpegGetProperty), such as 13.0; null when it is not loaded.</summary>
    public static Version? Version
    {
        get
        {
            TryLoad(out _);
            return version;
        }
    }

    /// <summary>Why nvJPEG is not used (empty when it is).</summary>
    public static string Reason
    {
        get
        {
            TryLoad(out string why);
            return why;
        }
    }

    /// <summary>Loads libnvjpeg once; false, with the reason, when it is missing, turned off or too old.</summary>
    public static bool TryLoad(out string why)
    {
        lock (Gate)
        {
            if (!probed)
            {
                probed = true;
                Probe();
            }

            why = reason;
            return version is not null;
        }
    }

    private static void Probe()
    {
        List<string> loadErrors = [];
        (nint found, string what) = NvjpegLocator.Find(OperatingSystem.IsWindows(), Environment.GetEnvironmentVariable,
            candidate => Load(candidate, loadErrors));
        if (found == 0)
        {
            reason = loadErrors.Count == 0 ? what : $"{what}; {string.Join("; ", loadErrors)}";
            return;
        }

        // The resolver loads the same file again, which hands back the library already loaded.
        NativeLibraries.Register(NvjpegNativeMethods.Library, [what]);
        try
        {
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegGetProperty(LibraryProperty.MajorVersion, out int major));
            NvjpegException.ThrowIfFailed(NvjpegNativeMethods.nvjpegGetProperty(LibraryProperty.MinorVersion, out int minor));
            if (major < 12)
            {
                reason = $"{what} is nvJPEG {major}.{minor}; PhotoFF needs nvJPEG 12 or later (CUDA 12 or 13)";
                return;
            }

            version = new Version(major, minor);
        }
        catch (Exception error) when (error is EntryPointNotFoundException or NvjpegException or DllNotFoundException)
        {
            reason = $"{what} did not answer nvjpegGetProperty ({error.Message})";
        }
    }

    /// <summary>
    /// Loads one candidate. A file that exists but does not load says why (the loader's message). The CUDA runtime
    /// beside it is loaded first where there is one: libnvjpeg may need it, and the toolkit's folder need not be on
    /// the library path.
    /// </summary>
    private static nint Load(string candidate, List<string> loadErrors)
    {
        if (!Path.IsPathRooted(candidate) || !File.Exists(candidate))
        {
            return NativeLibrary.TryLoad(candidate, out nint searched) ? searched : 0;
        }

        string? folder = Path.GetDirectoryName(candidate);
        string name = Path.GetFileName(candidate);
        string major = name.Contains("13", StringComparison.Ordinal) ? "13" : "12";
        string runtime = OperatingSystem.IsWindows() ? $"cudart64_{major}.dll" : $"libcudart.so.{major}";
        if (folder is not null && File.Exists(Path.Combine(folder, runtime)))
        {
            NativeLibrary.TryLoad(Path.Combine(folder, runtime), out _);
        }

        try
        {
            return NativeLibrary.Load(candidate);
        }
        catch (DllNotFoundException error)
        {
            loadErrors.Add($"{candidate} exists but did not load: {error.Message}");
            return 0;
        }
    }
}
