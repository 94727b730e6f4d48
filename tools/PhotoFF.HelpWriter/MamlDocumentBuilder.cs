using System.Xml.Linq;

namespace PhotoFF.HelpWriter;

/// <summary>
/// Builds the MAML that Get-Help reads for binary cmdlets (the schema PlatyPS writes): per command its details, description,
/// a syntax item per parameter set, every parameter with its attributes, input and output types, notes and examples.
/// </summary>
internal static class MamlDocumentBuilder
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>The help of each cmdlet in <paramref name="commands"/> (the text may be partial: what is missing stays out).</summary>
    public static XDocument Build(IEnumerable<(CmdletSignature Cmdlet, CommandHelpText Help)> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                // Get-Help matches elements by their qualified names: the prefixes must be exactly these.
                new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName),
                commands.Select(c => CommandElement(c.Cmdlet, c.Help))));

    private static XElement CommandElement(CmdletSignature cmdlet, CommandHelpText help)
    {
        List<ParameterDocument> parameters = Documented(cmdlet, help);
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, set, parameters))),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(p, p.Signature?.Mandatory ?? false, p.Signature?.Position))),
            new XElement(Command + "inputTypes", InputTypes(cmdlet)),
            new XElement(Command + "returnValues", ReturnValues(cmdlet)),
            help.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((example, index) => Example(example, index + 1))),
            new XElement(Command + "relatedLinks", RelatedLinks(cmdlet, help)));
    }

    /// <summary>"Online Version:" first, with the cmdlet's HelpUri (what Get-Help -Online opens), then the file's links.</summary>
    private static IEnumerable<XElement> RelatedLinks(CmdletSignature cmdlet, CommandHelpText help)
    {
        if (cmdlet.HelpUri is { } online)
        {
            yield return NavigationLink("Online Version:", online);
        }

        foreach (string link in help.RelatedLinks)
        {
            yield return link.StartsWith("https://", StringComparison.Ordinal) ? NavigationLink(link, link) : NavigationLink(link, string.Empty);
        }
    }

    private static XElement NavigationLink(string text, string uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

    /// <summary>The cmdlet's parameters in the order of the help file (those it lacks after), then WhatIf and Confirm.</summary>
    private static List<ParameterDocument> Documented(CmdletSignature cmdlet, CommandHelpText help)
    {
        int Order(string name)
        {
            int index = help.Parameters.ToList().FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index : int.MaxValue;
        }

        var documents = cmdlet.Parameters
            .Select(p => new ParameterDocument(p.Name, p, help.Parameter(p.Name)?.Text ?? []))
            .OrderBy(d => Order(d.Name))
            .ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            documents.AddRange(RiskMitigation.Parameters.Select(p =>
                new ParameterDocument(p.Name, null, help.Parameter(p.Name)?.Text is { Count: > 0 } text ? text : [p.Description])));
        }

        return documents;
    }

    private static XElement SyntaxItem(CmdletSignature cmdlet, string set, List<ParameterDocument> documents)
    {
        var inSet = cmdlet.ParametersOf(set)
            .Select(pair => Parameter(documents.First(d => d.Signature == pair.Parameter), pair.Membership.Mandatory, pair.Membership.Position, inSyntax: true));
        var risk = documents.Where(d => d.Signature is null).Select(d => Parameter(d, mandatory: false, position: null, inSyntax: true));
        return new XElement(Command + "syntaxItem", new XElement(Maml + "name", cmdlet.Name), inSet, risk);
    }

    private static XElement Parameter(ParameterDocument document, bool mandatory, int? position, bool inSyntax = false)
    {
        CmdletParameterSignature? signature = document.Signature;
        RiskMitigation? risk = signature is null ? RiskMitigation.Parameters.First(p => p.Name == document.Name) : null;
        Type type = signature?.Type ?? typeof(System.Management.Automation.SwitchParameter);
        bool isSwitch = signature?.IsSwitch ?? true;
        IReadOnlyList<string> aliases = signature?.Aliases ?? [risk!.Alias];
        IReadOnlyList<string> accepted = signature?.AcceptedValues ?? [];

        return new XElement(Command + "parameter",
            new XAttribute("required", mandatory ? "true" : "false"),
            new XAttribute("variableLength", signature?.IsArray == true ? "true" : "false"),
            new XAttribute("globbing", signature?.SupportsWildcards == true ? "true" : "false"),
            new XAttribute("pipelineInput", PipelineInput(signature)),
            new XAttribute("position", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", aliases.Count == 0 ? "none" : string.Join(", ", aliases)),
            new XElement(Maml + "name", document.Name),
            Description(document.Text),
            accepted.Count == 0
                ? null
                : new XElement(Command + "parameterValueGroup", accepted.Select(value =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), value))),
            // In syntax a switch shows no value; in the parameter list its type is still named.
            isSwitch && inSyntax
                ? null
                : new XElement(Command + "parameterValue",
                    new XAttribute("required", isSwitch ? "false" : "true"),
                    new XAttribute("variableLength", signature?.IsArray == true ? "true" : "false"),
                    ShortName(type)),
            new XElement(Dev + "type", new XElement(Maml + "name", FullName(type)), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", signature is null ? "False" : signature.DefaultValue ?? "None"));
    }

    private static string PipelineInput(CmdletParameterSignature? signature) => signature switch
    {
        { ValueFromPipeline: true, ValueFromPipelineByPropertyName: true } => "True (ByValue, ByPropertyName)",
        { ValueFromPipeline: true } => "True (ByValue)",
        { ValueFromPipelineByPropertyName: true } => "True (ByPropertyName)",
        _ => "False",
    };

    private static IEnumerable<XElement> InputTypes(CmdletSignature cmdlet)
    {
        var byValue = cmdlet.Parameters.Where(p => p.ValueFromPipeline).ToList();
        var byName = cmdlet.Parameters.Where(p => p.ValueFromPipelineByPropertyName).ToList();
        if (byValue.Count == 0 && byName.Count == 0)
        {
            yield return TypeEntry("inputType", "None", "You cannot pipe objects to this cmdlet.");
            yield break;
        }

        foreach (CmdletParameterSignature parameter in byValue)
        {
            yield return TypeEntry("inputType", FullName(parameter.Type),
                $"You can pipe {ShortName(parameter.Type)} objects to this cmdlet: they bind to -{parameter.Name}.");
        }

        foreach (CmdletParameterSignature parameter in byName)
        {
            IEnumerable<string> names = new[] { parameter.Name }.Concat(parameter.Aliases);
            yield return TypeEntry("inputType", "System.Management.Automation.PSObject",
                $"You can pipe objects with a property named {string.Join(" or ", names)}: it binds to -{parameter.Name}.");
        }
    }

    private static IEnumerable<XElement> ReturnValues(CmdletSignature cmdlet)
    {
        if (cmdlet.OutputTypes.Count == 0)
        {
            yield return TypeEntry("returnValue", "None", "This cmdlet writes no output.");
            yield break;
        }

        bool passThru = cmdlet.Parameters.Any(p => p.Name == "PassThru");
        foreach (Type type in cmdlet.OutputTypes)
        {
            yield return TypeEntry("returnValue", FullName(type),
                passThru ? $"With -PassThru, this cmdlet writes {ShortName(type)} objects; otherwise it writes nothing." : $"This cmdlet writes {ShortName(type)} objects.");
        }
    }

    private static XElement TypeEntry(string kind, string typeName, string description) =>
        new(Command + kind,
            new XElement(Dev + "type", new XElement(Maml + "name", typeName)),
            Description([description]));

    private static XElement Example(HelpExample example, int number)
    {
        string title = example.Title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? example.Title : $"Example {number}: {example.Title}";
        return new XElement(Command + "example",
            new XElement(Maml + "title", $"-------------------------- {title} --------------------------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paragraphs(example.Remarks)));
    }

    private static XElement Description(IReadOnlyList<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IReadOnlyList<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string ShortName(Type type) => type.IsArray ? ShortName(type.GetElementType()!) + "[]" : (Nullable.GetUnderlyingType(type) ?? type).Name;

    private static string FullName(Type type) => type.IsArray ? FullName(type.GetElementType()!) + "[]" : (Nullable.GetUnderlyingType(type) ?? type).FullName ?? type.Name;

    private sealed record ParameterDocument(string Name, CmdletParameterSignature? Signature, IReadOnlyList<string> Text);
}
