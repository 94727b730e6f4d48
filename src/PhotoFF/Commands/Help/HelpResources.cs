using System.Reflection;

namespace PhotoFF.Commands.Help;

/// <summary>The help markdown embedded in the assembly: <c>help/Verb-Noun.md</c> as resource <c>PhotoFF.Help.Verb-Noun.md</c>.</summary>
public static class HelpResources
{
    private const string Prefix = "PhotoFF.Help.";
    private const string Suffix = ".md";

    /// <summary>The format description, help/README.md, is not a cmdlet's help.</summary>
    private const string FormatGuide = "README";

    /// <summary>The markdown of each cmdlet, by cmdlet name.</summary>
    public static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var markdown = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(Suffix, StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource[Prefix.Length..^Suffix.Length];
            if (name.Equals(FormatGuide, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            markdown[name] = reader.ReadToEnd();
        }

        return markdown;
    }
}
