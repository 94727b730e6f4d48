using System.Globalization;
using System.Text.RegularExpressions;

namespace PhotoFF.Codecs;

/// <summary>
/// How much libvips' operation cache may keep. PhotoFF turns it off: a batch reads each file once and writes each image
/// once, so a cached operation is never asked for again, while it keeps its decoded pixels, buffers and open file
/// (2,000 imports of one 12 MP photo grew the process by over a gigabyte with libvips' defaults of 100 operations,
/// 100 MB and 100 files). <c>PHOTOFF_VIPS_CACHE</c> turns it back on for a process: "operations[,memory[,files]]",
/// such as "100" or "100,100MB,100"; it is read when libvips is first used.
/// </summary>
internal static partial class VipsCacheSettings
{
    public const string EnvironmentVariable = "PHOTOFF_VIPS_CACHE";

    /// <summary>libvips' own defaults, for the parts of the variable that are left out.</summary>
    private const ulong DefaultMemory = 100UL << 20;
    private const int DefaultFiles = 100;

    /// <summary>The limits to set: off unless <see cref="EnvironmentVariable"/> says otherwise.</summary>
    /// <exception cref="FormatException">The variable does not say "operations[,memory[,files]]".</exception>
    public static (int Operations, ulong Memory, int Files) Read(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return (0, 0, 0);
        }

        Match match = Pattern().Match(setting);
        if (!match.Success)
        {
            throw new FormatException($"{EnvironmentVariable} is '{setting}'; use operations[,memory[,files]], such as 100 or 100,100MB,100.");
        }

        int operations = int.Parse(match.Groups["operations"].Value, CultureInfo.InvariantCulture);
        ulong memory = match.Groups["memory"].Success ? Bytes(match.Groups["memory"].Value, match.Groups["unit"].Value) : DefaultMemory;
        int files = match.Groups["files"].Success ? int.Parse(match.Groups["files"].Value, CultureInfo.InvariantCulture) : DefaultFiles;
        return (operations, memory, files);
    }

    /// <summary>Sets libvips' cache limits from <see cref="EnvironmentVariable"/>.</summary>
    public static void Apply()
    {
        (int operations, ulong memory, int files) = Read(Environment.GetEnvironmentVariable(EnvironmentVariable));
        NetVips.Cache.Max = operations;
        NetVips.Cache.MaxMem = memory;
        NetVips.Cache.MaxFiles = files;
    }

    private static ulong Bytes(string number, string unit) =>
        ulong.Parse(number, CultureInfo.InvariantCulture) * unit.ToUpperInvariant() switch
        {
            "KB" => 1UL << 10,
            "MB" => 1UL << 20,
            "GB" => 1UL << 30,
            _ => 1UL,
        };

    [GeneratedRegex(@"^\s*(?<operations>\d{1,9})\s*(?:,\s*(?<memory>\d{1,15})\s*(?<unit>[KMG]B)?\s*(?:,\s*(?<files>\d{1,9})\s*)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
