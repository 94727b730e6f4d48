namespace PhotoFF.HelpWriter;

/// <summary>The help markdown of the cmdlets: <c>help/Verb-Noun.md</c>, one file per cmdlet.</summary>
internal static class HelpMarkdownFiles
{
    /// <summary>The format description, help/README.md, is not a cmdlet's help.</summary>
    private const string FormatGuide = "README";

    /// <summary>About topics (<c>about_*.md</c>) are conceptual help, shipped as <c>en-US/about_*.help.txt</c>, not
    /// cmdlet help: a source for them beside the cmdlets' files is left alone.</summary>
    private const string AboutTopicPrefix = "about_";

    /// <summary>The markdown of each cmdlet in <paramref name="folder"/>, by cmdlet name.</summary>
    public static IReadOnlyDictionary<string, string> Load(string folder)
    {
        var markdown = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string file in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (name.Equals(FormatGuide, StringComparison.OrdinalIgnoreCase) || name.StartsWith(AboutTopicPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            markdown[name] = File.ReadAllText(file);
        }

        return markdown;
    }
}
