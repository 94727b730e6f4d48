using System.Xml.Linq;
using PhotoFF.HelpWriter;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Help;

/// <summary>help/*.md matches the cmdlets of PhotoFF.dll, and the build-time writer turns it into the MAML Get-Help reads
/// (tests/Pester/Help.Tests.ps1 checks what Get-Help then shows).</summary>
public sealed class HelpTests
{
    private static readonly System.Reflection.Assembly Module = typeof(Imaging.CudaImage).Assembly;

    [Fact]
    public void The_writer_reports_no_missing_or_unknown_help()
    {
        IReadOnlyList<CmdletSignature> cmdlets = CmdletSignature.FromAssembly(Module);
        HelpReport report = MamlHelpWriter.Generate(cmdlets, HelpMarkdownFiles.Load(Repository.Path("help")));

        Assert.Equal(cmdlets.Select(c => c.Name), report.Commands);
        Assert.True(report.Problems.Count == 0, "Help problems:\n" + string.Join("\n", report.Problems));
    }

    [Fact]
    public void The_tool_writes_the_maml_of_every_cmdlet_and_exits_0_when_the_help_is_complete()
    {
        string folder = Directory.CreateTempSubdirectory("photoff-help-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            string file = Path.Combine(folder, "sub", MamlHelpWriter.FileName);

            int exit = HelpWriterCommand.Run([Repository.Path("help"), file], output, error);

            Assert.Equal(HelpWriterCommand.Complete, exit);
            Assert.Empty(error.ToString());
            int cmdlets = CmdletSignature.FromAssembly(Module).Count;
            Assert.Equal(cmdlets, XDocument.Load(file).Root!.Elements().Count());
            Assert.Contains($"Wrote the help of {cmdlets} cmdlets", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_tool_reports_each_problem_and_exits_1_when_the_help_is_incomplete()
    {
        string folder = Directory.CreateTempSubdirectory("photoff-help-").FullName;
        try
        {
            string markdown = Directory.CreateDirectory(Path.Combine(folder, "help")).FullName;
            foreach (string source in Directory.GetFiles(Repository.Path("help"), "*.md").Where(f => !f.EndsWith("New-CudaImage.md", StringComparison.Ordinal)))
            {
                File.Copy(source, Path.Combine(markdown, Path.GetFileName(source)));
            }

            // An about topic's source beside the cmdlets' files is not a cmdlet's help, and not a problem.
            File.WriteAllText(Path.Combine(markdown, "about_PhotoFF_Sample.md"), "# about_PhotoFF_Sample\n");
            var output = new StringWriter();
            var error = new StringWriter();

            int exit = HelpWriterCommand.Run([markdown, folder], output, error);

            Assert.Equal(HelpWriterCommand.WrittenWithProblems, exit);
            string problem = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("MissingCommandHelp", problem, StringComparison.Ordinal);
            Assert.Contains("New-CudaImage", problem, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, MamlHelpWriter.FileName)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_tool_fails_with_exit_2_on_a_wrong_command_line_or_a_missing_folder()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(HelpWriterCommand.Failed, HelpWriterCommand.Run(["only-one"], output, error));
        Assert.Equal(HelpWriterCommand.Failed, HelpWriterCommand.Run([Path.Combine(Path.GetTempPath(), "no-such-help-folder"), Path.GetTempPath()], output, error));
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("could not be written", error.ToString(), StringComparison.Ordinal);
    }
}
