using System.Reflection;
using System.Runtime.InteropServices;

namespace PhotoFF.Cuda;

/// <summary>
/// The assembly's one DllImportResolver (.NET allows one per assembly), shared by every library loaded at run time:
/// the CUDA driver, the video decoder and libheif. Each binding registers its logical name and the file names to try,
/// which differ by platform and version.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Dictionary<string, string[]> Candidates = new(StringComparer.Ordinal);

    static NativeLibraries()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    public static void Register(string name, string[] fileNames)
    {
        lock (Candidates)
        {
            Candidates[name] = fileNames;
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string[]? fileNames;
        lock (Candidates)
        {
            Candidates.TryGetValue(name, out fileNames);
        }

        foreach (string fileName in fileNames ?? [])
        {
            if (NativeLibrary.TryLoad(fileName, assembly, searchPath, out nint handle))
            {
                return handle;
            }
        }

        return 0;
    }
}
