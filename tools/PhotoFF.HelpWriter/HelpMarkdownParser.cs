using System.Text;

namespace PhotoFF.HelpWriter;

/// <summary>
/// Reads one help file in the format of <c>help/README.md</c>: <c># Verb-Noun</c>, then the sections SYNOPSIS,
/// DESCRIPTION, PARAMETERS (<c>### -Name</c> each), EXAMPLES (<c>### Example N: Title</c>, a fenced code block and
/// what it does), NOTES and RELATED LINKS (a list of cmdlet names, about topics or addresses). Paragraphs are separated
/// by blank lines; list items and table rows keep their own lines.
/// </summary>
internal static class HelpMarkdownParser
{
    private const string Synopsis = "SYNOPSIS";
    private const string Description = "DESCRIPTION";
    private const string Parameters = "PARAMETERS";
    private const string Examples = "EXAMPLES";
    private const string Notes = "NOTES";
    private const string RelatedLinks = "RELATED LINKS";

    private static readonly string[] KnownSections = [Synopsis, Description, Parameters, Examples, Notes, RelatedLinks];

    /// <summary>Parses the help of <paramref name="name"/> from <paramref name="markdown"/>; format problems go to <paramref name="problems"/>.</summary>
    public static CommandHelpText Parse(string name, string markdown, ICollection<HelpProblem> problems)
    {
        void Problem(string message) => problems.Add(new HelpProblem(HelpProblemKind.Format, name, message));

        Document document = Split(markdown.Replace("\r\n", "\n").Split('\n'), Problem);
        if (!string.Equals(document.Title, name, StringComparison.Ordinal))
        {
            Problem($"the file should start with '# {name}', not '# {document.Title}'.");
        }

        var parameters = new List<ParameterHelpText>();
        var examples = new List<HelpExample>();
        foreach (Section section in document.Sections)
        {
            if (!KnownSections.Contains(section.Title))
            {
                Problem($"'## {section.Title}' is not a help section; use {string.Join(", ", KnownSections)}.");
            }
            else if (section.Title is not (Parameters or Examples) && section.Subsections.Count > 0)
            {
                Problem($"'## {section.Title}' has '### {section.Subsections[0].Title}'; only PARAMETERS and EXAMPLES have ### headings.");
            }
            else if (section.Title is Parameters or Examples && section.Blocks.Count > 0)
            {
                Problem($"'## {section.Title}' has text before its first ### heading.");
            }
        }

        foreach (Section subsection in document.Section(Parameters)?.Subsections ?? [])
        {
            if (!subsection.Title.StartsWith('-') || subsection.Title.Length < 2 || subsection.Title.Contains(' '))
            {
                Problem($"'### {subsection.Title}' under PARAMETERS should be '### -ParameterName'.");
                continue;
            }

            string parameter = subsection.Title[1..];
            if (parameters.Any(p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase)))
            {
                Problem($"the parameter {subsection.Title} is described twice.");
                continue;
            }

            parameters.Add(new ParameterHelpText(parameter, Paragraphs(subsection.Blocks)));
        }

        foreach (Section subsection in document.Section(Examples)?.Subsections ?? [])
        {
            string code = string.Join("\n\n", subsection.Blocks.Where(b => b.IsCode).Select(b => b.Text));
            if (code.Length == 0)
            {
                Problem($"the example '{subsection.Title}' has no fenced code block.");
            }

            examples.Add(new HelpExample(subsection.Title, code, subsection.Blocks.Where(b => !b.IsCode).Select(b => b.Text).ToList()));
        }

        return new CommandHelpText(
            name,
            Paragraphs(document.Section(Synopsis)?.Blocks ?? []),
            Paragraphs(document.Section(Description)?.Blocks ?? []),
            parameters,
            examples,
            Paragraphs(document.Section(Notes)?.Blocks ?? []),
            Links(document.Section(RelatedLinks)?.Blocks ?? [], Problem));
    }

    private static List<string> Paragraphs(IEnumerable<Block> blocks) => blocks.Select(b => b.Text).ToList();

    /// <summary>RELATED LINKS is a list: one "- " item per link.</summary>
    private static List<string> Links(IEnumerable<Block> blocks, Action<string> problem)
    {
        var links = new List<string>();
        foreach (Block block in blocks)
        {
            if (block.IsCode || !block.Text.StartsWith("- ", StringComparison.Ordinal))
            {
                problem($"RELATED LINKS holds '- ' list items only, not '{block.Text}'.");
                continue;
            }

            links.Add(block.Text[2..].Trim());
        }

        return links;
    }

    private static Document Split(string[] lines, Action<string> problem)
    {
        var document = new Document();
        Section? section = null;
        Section? subsection = null;
        var paragraph = new StringBuilder();
        StringBuilder? code = null;
        string fence = string.Empty;

        List<Block> Target() => (subsection ?? section)?.Blocks ?? document.Preamble;

        void EndParagraph()
        {
            if (paragraph.Length > 0)
            {
                Target().Add(new Block(paragraph.ToString(), IsCode: false));
                paragraph.Clear();
            }
        }

        foreach (string raw in lines)
        {
            string line = raw.TrimEnd();
            if (code is not null)
            {
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal) && line.Trim().Trim(fence[0]).Length == 0)
                {
                    Target().Add(new Block(code.ToString().TrimEnd('\n'), IsCode: true));
                    code = null;
                }
                else
                {
                    code.Append(raw.TrimEnd()).Append('\n');
                }

                continue;
            }

            string trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                EndParagraph();
                fence = trimmed[..3];
                code = new StringBuilder();
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                EndParagraph();
                if (document.Title is not null)
                {
                    problem($"a second title '{line}'; sections are '## ' headings.");
                }

                document.Title = line[2..].Trim();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                EndParagraph();
                section = new Section(line[3..].Trim());
                subsection = null;
                document.Sections.Add(section);
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                EndParagraph();
                if (section is null)
                {
                    problem($"'{line}' comes before any '## ' section.");
                }

                subsection = new Section(line[4..].Trim());
                section?.Subsections.Add(subsection);
            }
            else if (line.Length == 0)
            {
                EndParagraph();
            }
            else if (StartsOwnLine(trimmed))
            {
                EndParagraph();
                paragraph.Append(line.Trim());
                if (trimmed.StartsWith('|'))
                {
                    EndParagraph();
                }
            }
            else
            {
                paragraph.Append(paragraph.Length > 0 ? " " : string.Empty).Append(trimmed);
            }
        }

        EndParagraph();
        if (code is not null)
        {
            problem("a fenced code block is not closed.");
        }

        if (document.Title is null)
        {
            problem("the file has no '# Verb-Noun' title.");
        }

        if (document.Preamble.Count > 0)
        {
            problem("there is text before the first '## ' section.");
        }

        return document;
    }

    /// <summary>List items and table rows are paragraphs of their own.</summary>
    private static bool StartsOwnLine(string line) =>
        line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal) || line.StartsWith('|') ||
        (line.Length > 2 && char.IsDigit(line[0]) && line.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 4 &&
         line[..line.IndexOf(". ", StringComparison.Ordinal)].All(char.IsDigit));

    private sealed record Block(string Text, bool IsCode);

    private sealed class Section(string title)
    {
        public string Title { get; } = title;

        public List<Block> Blocks { get; } = [];

        public List<Section> Subsections { get; } = [];
    }

    private sealed class Document
    {
        public string? Title { get; set; }

        public List<Block> Preamble { get; } = [];

        public List<Section> Sections { get; } = [];

        public Section? Section(string title) => Sections.FirstOrDefault(s => s.Title == title);
    }
}
