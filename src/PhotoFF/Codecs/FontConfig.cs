using System.Runtime.InteropServices;

namespace PhotoFF.Codecs;

/// <summary>
/// Asks fontconfig (the system's libfontconfig, which reads the same configuration as the one inside libvips) which
/// installed family a requested family resolves to, so that a missing font is an error instead of pango's silent
/// fallback. Where libfontconfig cannot be loaded (no fontconfig installed, or not Linux), the check is skipped.
/// </summary>
internal static partial class FontConfig
{
    private const string Library = "libfontconfig.so.1";
    private const int MatchPattern = 0;
    private const int ResultMatch = 0;

    private static readonly Lazy<bool> Loaded = new(() => NativeLibrary.TryLoad(Library, out _), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly object Gate = new();

    /// <summary>Whether fontconfig is available to check families with.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>
    /// The families of the font that fontconfig picks for <paramref name="family"/> (a font declares one or more,
    /// e.g. "DejaVu Sans" and "DejaVu Sans Condensed"), or null when fontconfig is unavailable or matches nothing.
    /// </summary>
    public static IReadOnlyList<string>? MatchedFamilies(string family)
    {
        if (!IsAvailable)
        {
            return null;
        }

        // fontconfig's global configuration is not safe to initialize from several threads at once.
        lock (Gate)
        {
            nint pattern = FcPatternCreate();
            if (pattern == 0)
            {
                return null;
            }

            try
            {
                FcPatternAddString(pattern, "family", family);
                FcConfigSubstitute(0, pattern, MatchPattern);
                FcDefaultSubstitute(pattern);
                nint match = FcFontMatch(0, pattern, out int result);
                if (match == 0 || result != ResultMatch)
                {
                    return match == 0 ? null : Destroy(match, (IReadOnlyList<string>?)null);
                }

                List<string> families = [];
                for (int i = 0; FcPatternGetString(match, "family", i, out nint text) == ResultMatch; i++)
                {
                    families.Add(Marshal.PtrToStringUTF8(text) ?? string.Empty);
                }

                return Destroy(match, families);
            }
            finally
            {
                FcPatternDestroy(pattern);
            }
        }
    }

    /// <summary>fontconfig's comparison of family names: case and spaces do not matter.</summary>
    public static bool SameFamily(string a, string b) =>
        string.Equals(a.Replace(" ", string.Empty, StringComparison.Ordinal), b.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static T Destroy<T>(nint pattern, T value)
    {
        FcPatternDestroy(pattern);
        return value;
    }

    [LibraryImport(Library)]
    private static partial nint FcPatternCreate();

    [LibraryImport(Library)]
    private static partial void FcPatternDestroy(nint pattern);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool FcPatternAddString(nint pattern, string name, string value);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool FcConfigSubstitute(nint config, nint pattern, int kind);

    [LibraryImport(Library)]
    private static partial void FcDefaultSubstitute(nint pattern);

    [LibraryImport(Library)]
    private static partial nint FcFontMatch(nint config, nint pattern, out int result);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FcPatternGetString(nint pattern, string name, int index, out nint value);
}
