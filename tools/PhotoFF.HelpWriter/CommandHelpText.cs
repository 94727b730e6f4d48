namespace PhotoFF.HelpWriter;

/// <summary>The prose of one cmdlet's help, as written in <c>help/Verb-Noun.md</c>. Each text is a list of paragraphs;
/// <paramref name="RelatedLinks"/> are the items of RELATED LINKS: cmdlet names, about topics or addresses.</summary>
internal sealed record CommandHelpText(
    string Name,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<ParameterHelpText> Parameters,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> RelatedLinks)
{
    /// <summary>The text of <paramref name="parameter"/>; null when the file does not describe it.</summary>
    public ParameterHelpText? Parameter(string parameter) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The text of one parameter, from its <c>### -Name</c> section.</summary>
internal sealed record ParameterHelpText(string Name, IReadOnlyList<string> Text);

/// <summary>One example: a title, the code, and what it does.</summary>
internal sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);
