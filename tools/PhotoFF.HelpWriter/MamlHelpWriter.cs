using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PhotoFF.HelpWriter;

/// <summary>
/// Writes <c>PhotoFF.dll-Help.xml</c>, the file Get-Help reads for the module's cmdlets, from the help markdown
/// (<c>help/Verb-Noun.md</c>) and what reflection tells about each <c>[Cmdlet]</c> of the module's assembly. A cmdlet or
/// parameter without text, a help file for a cmdlet that does not exist, or a file out of format is reported as a
/// <see cref="HelpProblem"/>; the file is written anyway, with what there is.
/// </summary>
internal static class MamlHelpWriter
{
    /// <summary>The name Get-Help looks for beside the module's assembly.</summary>
    public const string FileName = "PhotoFF.dll-Help.xml";

    /// <summary>Writes the help of <paramref name="assembly"/>'s cmdlets, from the markdown in <paramref name="markdownFolder"/>,
    /// to <paramref name="path"/> (a file, or a folder to put <see cref="FileName"/> in).</summary>
    public static HelpReport Write(string path, Assembly assembly, string markdownFolder)
    {
        HelpReport report = Generate(CmdletSignature.FromAssembly(assembly), HelpMarkdownFiles.Load(markdownFolder));
        string file = Directory.Exists(path) ? Path.Combine(path, FileName) : Path.GetFullPath(path);
        Save(report.Document, file);
        return report;
    }

    /// <summary>The help of <paramref name="cmdlets"/> from <paramref name="markdownByCommand"/> (cmdlet name to markdown).</summary>
    public static HelpReport Generate(IReadOnlyList<CmdletSignature> cmdlets, IReadOnlyDictionary<string, string> markdownByCommand)
    {
        var problems = new List<HelpProblem>();
        var texts = markdownByCommand.ToDictionary(
            pair => pair.Key,
            pair => HelpMarkdownParser.Parse(pair.Key, pair.Value, problems),
            StringComparer.OrdinalIgnoreCase);

        foreach (string name in texts.Keys.Where(name => !cmdlets.Any(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))).Order())
        {
            problems.Add(new HelpProblem(HelpProblemKind.UnknownCommand, name, $"help/{name}.md describes a cmdlet that the assembly does not have."));
        }

        var documented = new List<(CmdletSignature, CommandHelpText)>();
        foreach (CmdletSignature cmdlet in cmdlets)
        {
            if (!texts.TryGetValue(cmdlet.Name, out CommandHelpText? help))
            {
                problems.Add(new HelpProblem(HelpProblemKind.MissingCommandHelp, cmdlet.Name, $"there is no help/{cmdlet.Name}.md."));
                help = new CommandHelpText(cmdlet.Name, [], [], [], [], [], []);
            }
            else
            {
                Check(cmdlet, help, problems);
                CheckLinks(cmdlet, help, cmdlets, problems);
            }

            documented.Add((cmdlet, help));
        }

        return new HelpReport(MamlDocumentBuilder.Build(documented), cmdlets.Select(c => c.Name).ToList(), problems);
    }

    private static void Check(CmdletSignature cmdlet, CommandHelpText help, List<HelpProblem> problems)
    {
        void Missing(HelpProblemKind kind, string message) => problems.Add(new HelpProblem(kind, cmdlet.Name, message));

        if (!HasText(help.Synopsis))
        {
            Missing(HelpProblemKind.MissingCommandHelp, "the SYNOPSIS is empty.");
        }

        if (!HasText(help.Description))
        {
            Missing(HelpProblemKind.MissingCommandHelp, "the DESCRIPTION is empty.");
        }

        if (help.Examples.Count == 0)
        {
            Missing(HelpProblemKind.MissingCommandHelp, "there is no example.");
        }

        foreach (CmdletParameterSignature parameter in cmdlet.Parameters)
        {
            if (!HasText(help.Parameter(parameter.Name)?.Text))
            {
                Missing(HelpProblemKind.MissingParameterHelp, $"the parameter -{parameter.Name} has no text (### -{parameter.Name} under PARAMETERS).");
            }
        }

        foreach (ParameterHelpText text in help.Parameters)
        {
            bool known = cmdlet.Parameters.Any(p => p.Name.Equals(text.Name, StringComparison.OrdinalIgnoreCase))
                || (cmdlet.SupportsShouldProcess && RiskMitigation.IsRiskMitigation(text.Name));
            if (!known)
            {
                Missing(HelpProblemKind.UnknownParameter, $"-{text.Name} is described, but the cmdlet has no such parameter.");
            }
        }
    }

    /// <summary>Every cmdlet links to related help, and every link is a cmdlet of the module, an about topic or an address,
    /// so that a renamed cmdlet leaves no dead link.</summary>
    private static void CheckLinks(CmdletSignature cmdlet, CommandHelpText help, IReadOnlyList<CmdletSignature> cmdlets, List<HelpProblem> problems)
    {
        if (help.RelatedLinks.Count == 0)
        {
            problems.Add(new HelpProblem(HelpProblemKind.MissingCommandHelp, cmdlet.Name, "there are no RELATED LINKS."));
        }

        foreach (string link in help.RelatedLinks)
        {
            bool known = link.StartsWith("about_", StringComparison.Ordinal) ||
                link.StartsWith("https://", StringComparison.Ordinal) ||
                cmdlets.Any(c => c.Name.Equals(link, StringComparison.OrdinalIgnoreCase));
            if (!known)
            {
                problems.Add(new HelpProblem(HelpProblemKind.UnknownCommand, cmdlet.Name, $"RELATED LINKS names '{link}', which is no cmdlet of the module, about topic or https address."));
            }
        }
    }

    private static bool HasText(IReadOnlyList<string>? paragraphs) => paragraphs is not null && paragraphs.Any(p => !string.IsNullOrWhiteSpace(p));

    /// <summary>Writes beside the target and renames, so that a reader (Get-Help in another process) never sees half a file.</summary>
    private static void Save(XDocument document, string file)
    {
        string directory = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
            using (XmlWriter writer = XmlWriter.Create(temporary, settings))
            {
                document.Save(writer);
            }

            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
