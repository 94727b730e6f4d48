using System.Xml.Linq;
using PhotoFF.Commands.Help;
using PhotoFF.Host;

namespace PhotoFF.Tests.Host;

public sealed class HelpFileCommandTests
{
    [Fact]
    public void Write_help_writes_the_maml_of_every_cmdlet_and_exits_0_when_the_help_is_complete()
    {
        string folder = Directory.CreateTempSubdirectory("photoff-help-").FullName;
        try
        {
            var console = new HostOutput();
            string file = Path.Combine(folder, "sub", MamlHelpWriter.FileName);

            int exit = HelpFileCommand.Run(file, console.Console);

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Empty(console.Error);
            int cmdlets = CmdletSignature.FromAssembly(typeof(MamlHelpWriter).Assembly).Count;
            Assert.Equal(cmdlets, XDocument.Load(file).Root!.Elements().Count());
            Assert.Contains($"Wrote the help of {cmdlets} cmdlets", console.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
