using System.Management.Automation;
using System.Xml.Linq;
using PhotoFF.HelpWriter;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Help;

public sealed class MamlHelpWriterTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private const string SampleHelp = """
        # Get-Sample

        ## SYNOPSIS
        Gets a sample.

        ## DESCRIPTION
        Gets samples by name or by path.

        ## PARAMETERS

        ### -Name
        The name.

        ### -Path
        The path.

        ### -Mode
        The mode.

        ### -Kind
        The kind.

        ### -Force
        Forces it.

        ## EXAMPLES

        ### Example 1: Get one
        ```powershell
        Get-Sample x
        ```
        Gets x.

        ## RELATED LINKS
        - Get-Sample
        - about_Samples
        - https://example.org/samples
        """;

    [Fact]
    public void Reflects_parameter_sets_and_attributes()
    {
        CmdletSignature cmdlet = CmdletSignature.FromType(typeof(GetSampleCommand));

        Assert.Equal("Get-Sample", cmdlet.Name);
        Assert.Equal(["ByName", "ByPath"], cmdlet.ParameterSets);
        CmdletParameterSignature name = cmdlet.Parameters.Single(p => p.Name == "Name");
        Assert.Equal(["N"], name.Aliases);
        Assert.Equal(0, name.Position);
        Assert.True(name.Mandatory);
        CmdletParameterSignature path = cmdlet.Parameters.Single(p => p.Name == "Path");
        Assert.True(path.SupportsWildcards);
        Assert.True(path.ValueFromPipelineByPropertyName);
        Assert.True(path.IsArray);
        CmdletParameterSignature mode = cmdlet.Parameters.Single(p => p.Name == "Mode");
        Assert.Equal(["Fast", "Slow"], mode.AcceptedValues);
        Assert.Equal("Fast", mode.DefaultValue);
        Assert.Equal(Enum.GetNames<DayOfWeek>(), cmdlet.Parameters.Single(p => p.Name == "Kind").AcceptedValues);
        Assert.Equal("False", cmdlet.Parameters.Single(p => p.Name == "Force").DefaultValue);
        Assert.Equal([typeof(string)], cmdlet.OutputTypes);
    }

    [Fact]
    public void Writes_the_maml_schema()
    {
        HelpReport report = MamlHelpWriter.Generate([CmdletSignature.FromType(typeof(GetSampleCommand))], new Dictionary<string, string> { ["Get-Sample"] = SampleHelp });

        Assert.Empty(report.Problems);
        XElement command = Assert.Single(report.Document.Root!.Elements(Command + "command"));
        Assert.Equal("Gets a sample.", command.Element(Command + "details")!.Element(Maml + "description")!.Value);
        Assert.Equal("Get", command.Element(Command + "details")!.Element(Command + "verb")!.Value);
        XElement[] syntax = [.. command.Element(Command + "syntax")!.Elements(Command + "syntaxItem")];
        Assert.Equal(2, syntax.Length);
        Assert.Equal(["Name", "Mode", "Kind", "Force", "WhatIf", "Confirm"], syntax[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Equal(["Path", "Mode", "Kind", "Force", "WhatIf", "Confirm"], syntax[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Null(syntax[0].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Force").Element(Command + "parameterValue"));

        XElement path = command.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Path");
        Assert.Equal("True (ByPropertyName)", path.Attribute("pipelineInput")!.Value);
        Assert.Equal("true", path.Attribute("globbing")!.Value);
        Assert.Equal("true", path.Attribute("variableLength")!.Value);
        Assert.Equal("PSPath", path.Attribute("aliases")!.Value);
        Assert.Equal("System.String[]", path.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        XElement mode = command.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Mode");
        Assert.Equal(["Fast", "Slow"], mode.Element(Command + "parameterValueGroup")!.Elements().Select(v => v.Value));
        Assert.Equal("Fast", mode.Element(Dev + "defaultValue")!.Value);

        Assert.Equal("System.String", command.Element(Command + "returnValues")!.Descendants(Maml + "name").First().Value);
        XElement example = Assert.Single(command.Element(Command + "examples")!.Elements(Command + "example"));
        Assert.Equal("Get-Sample x", example.Element(Dev + "code")!.Value);
        Assert.Equal("Gets x.", example.Element(Dev + "remarks")!.Value);

        // The cmdlet's HelpUri comes first, as Get-Help -Online expects, then the file's links.
        Assert.Equal(
            [("Online Version:", "https://example.org/get-sample"), ("Get-Sample", ""), ("about_Samples", ""), ("https://example.org/samples", "https://example.org/samples")],
            command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)));
    }

    [Fact]
    public void Reports_missing_and_dead_related_links()
    {
        var markdown = new Dictionary<string, string>
        {
            ["Get-Sample"] = SampleHelp.Replace("- about_Samples", "- Get-Nothing", StringComparison.Ordinal),
            ["Set-Sample"] = SampleHelp.Replace("Get-Sample", "Set-Sample", StringComparison.Ordinal)[..SampleHelp.IndexOf("## PARAMETERS", StringComparison.Ordinal)]
                + "## PARAMETERS\n\n### -Value\nA value.\n\n## EXAMPLES\n\n### Example 1: Set\n```powershell\nSet-Sample\n```\nSets.\n",
        };

        HelpReport report = MamlHelpWriter.Generate([CmdletSignature.FromType(typeof(GetSampleCommand)), CmdletSignature.FromType(typeof(SetSampleCommand))], markdown);

        Assert.Equal([(HelpProblemKind.UnknownCommand, "Get-Sample"), (HelpProblemKind.MissingCommandHelp, "Set-Sample")], report.Problems.Select(p => (p.Kind, p.Command)));
        Assert.Contains("'Get-Nothing'", report.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("RELATED LINKS", report.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_missing_and_unknown_help()
    {
        string partial = SampleHelp.Replace("### -Kind\nThe kind.\n", "### -Colour\nNot a parameter.\n", StringComparison.Ordinal);
        var markdown = new Dictionary<string, string> { ["Get-Sample"] = partial, ["Get-Nothing"] = SampleHelp.Replace("Get-Sample", "Get-Nothing", StringComparison.Ordinal) };

        HelpReport report = MamlHelpWriter.Generate([CmdletSignature.FromType(typeof(GetSampleCommand)), CmdletSignature.FromType(typeof(SetSampleCommand))], markdown);

        Assert.Equal(
            [
                (HelpProblemKind.UnknownCommand, "Get-Nothing"),
                (HelpProblemKind.MissingParameterHelp, "Get-Sample"),
                (HelpProblemKind.UnknownParameter, "Get-Sample"),
                (HelpProblemKind.MissingCommandHelp, "Set-Sample"),
            ],
            report.Problems.Select(p => (p.Kind, p.Command)));
        Assert.Contains("-Kind", report.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("-Colour", report.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal(2, report.Document.Root!.Elements(Command + "command").Count());
    }

    [Fact]
    public void Writes_the_file_into_a_folder()
    {
        string folder = Directory.CreateTempSubdirectory("photoff-help-").FullName;
        try
        {
            HelpReport report = MamlHelpWriter.Write(folder, typeof(PhotoFF.Imaging.CudaImage).Assembly, Repository.Path("help"));

            string file = Path.Combine(folder, MamlHelpWriter.FileName);
            XDocument written = XDocument.Load(file);
            Assert.Equal(report.Commands.Count, written.Root!.Elements(Command + "command").Count());
            Assert.Equal([MamlHelpWriter.FileName], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Cmdlet(VerbsCommon.Get, "Sample", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, HelpUri = "https://example.org/get-sample")]
    [OutputType(typeof(string))]
    public sealed class GetSampleCommand : PSCmdlet
    {
        [Parameter(Position = 0, Mandatory = true, ParameterSetName = "ByName")]
        [Alias("N")]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ByPath")]
        [Alias("PSPath")]
        [SupportsWildcards]
        public string[] Path { get; set; } = [];

        [Parameter]
        [ValidateSet("Fast", "Slow")]
        public string Mode { get; set; } = "Fast";

        [Parameter]
        public DayOfWeek Kind { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }
    }

    [Cmdlet(VerbsCommon.Set, "Sample")]
    public sealed class SetSampleCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public string? Value { get; set; }
    }
}
