using PhotoFF.HelpWriter;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Help;

public sealed class HelpMarkdownParserTests
{
    private const string Complete = """
        # Get-Sample

        ## SYNOPSIS
        Gets a sample.

        ## DESCRIPTION
        First paragraph,
        wrapped over two lines.

        - an item
        - another item
          continued

        ## PARAMETERS

        ### -Name
        The name.

        ### -Mode
        The mode.

        ## EXAMPLES

        ### Example 1: Get one
        ```powershell
        Get-Sample x
        Get-Sample y
        ```
        Gets x, then y.

        ## NOTES
        A note.
        """;

    [Fact]
    public void Reads_every_section()
    {
        var problems = new List<HelpProblem>();

        CommandHelpText help = HelpMarkdownParser.Parse("Get-Sample", Complete, problems);

        Assert.Empty(problems);
        Assert.Equal(["Gets a sample."], help.Synopsis);
        Assert.Equal(["First paragraph, wrapped over two lines.", "- an item", "- another item continued"], help.Description);
        Assert.Equal(["Name", "Mode"], help.Parameters.Select(p => p.Name));
        Assert.Equal(["The name."], help.Parameter("name")!.Text);
        HelpExample example = Assert.Single(help.Examples);
        Assert.Equal("Example 1: Get one", example.Title);
        Assert.Equal("Get-Sample x\nGet-Sample y", example.Code);
        Assert.Equal(["Gets x, then y."], example.Remarks);
        Assert.Equal(["A note."], help.Notes);
    }

    [Fact]
    public void A_heading_inside_a_code_block_is_code()
    {
        string markdown = Complete.Replace("Get-Sample y", "# not a title\n## not a section", StringComparison.Ordinal);
        var problems = new List<HelpProblem>();

        CommandHelpText help = HelpMarkdownParser.Parse("Get-Sample", markdown, problems);

        Assert.Empty(problems);
        Assert.Equal("Get-Sample x\n# not a title\n## not a section", help.Examples[0].Code);
    }

    [Theory]
    [InlineData("# Get-Other", "should start with '# Get-Sample'")]
    [InlineData("## SYNTAX", "'## SYNTAX' is not a help section")]
    [InlineData("### -Name\nThe name.\n\n### -Name", "described twice")]
    [InlineData("### Name", "should be '### -ParameterName'")]
    [InlineData("```powershell\nGet-Sample", "not closed")]
    public void Reports_what_breaks_the_format(string change, string expected)
    {
        string markdown = change switch
        {
            "# Get-Other" => Complete.Replace("# Get-Sample", change, StringComparison.Ordinal),
            "## SYNTAX" => Complete.Replace("## NOTES", change, StringComparison.Ordinal),
            "```powershell\nGet-Sample" => Complete + "\n" + change,
            _ => Complete.Replace("### -Name\nThe name.", change, StringComparison.Ordinal),
        };
        var problems = new List<HelpProblem>();

        HelpMarkdownParser.Parse("Get-Sample", markdown, problems);

        HelpProblem problem = Assert.Single(problems);
        Assert.Equal(HelpProblemKind.Format, problem.Kind);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_example_without_code_is_reported()
    {
        string markdown = Complete.Replace("```powershell\nGet-Sample x\nGet-Sample y\n```\n", string.Empty, StringComparison.Ordinal);
        var problems = new List<HelpProblem>();

        HelpMarkdownParser.Parse("Get-Sample", markdown, problems);

        Assert.Contains(problems, p => p.Message.Contains("has no fenced code block", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_help_file_of_the_repository_parses_without_problems()
    {
        IReadOnlyDictionary<string, string> files = HelpMarkdownFiles.Load(Repository.Path("help"));
        var problems = new List<HelpProblem>();

        foreach (var (name, markdown) in files)
        {
            HelpMarkdownParser.Parse(name, markdown, problems);
        }

        Assert.True(files.Count >= 8, $"only {files.Count} help files were found");
        Assert.DoesNotContain("README", files.Keys);
        Assert.Empty(problems);
    }
}
