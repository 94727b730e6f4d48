using PhotoFF.Host;

namespace PhotoFF.Tests.Host;

public sealed class CommandLineTests
{
    [Fact]
    public void Command_takes_the_rest_of_the_line()
    {
        CommandLine line = CommandLine.Parse(["-Verbose", "-Command", "Get-CudaDevice", "|", "ForEach-Object", "Name"]);

        Assert.Equal(HostMode.Command, line.Mode);
        Assert.True(line.Verbose);
        Assert.Equal("Get-CudaDevice | ForEach-Object Name", line.Script);
    }

    [Theory]
    [InlineData("-File")]
    [InlineData("-f")]
    [InlineData("--file")]
    public void File_takes_a_path_and_the_script_arguments(string option)
    {
        CommandLine line = CommandLine.Parse([option, "run.ps1", "-Name", "x", "-Verbose"]);

        Assert.Equal(HostMode.File, line.Mode);
        Assert.Equal("run.ps1", line.Path);
        Assert.Equal(["-Name", "x", "-Verbose"], line.Arguments);
        Assert.False(line.Verbose);
    }

    [Fact]
    public void A_bare_first_argument_is_a_script_file_even_an_absolute_path()
    {
        CommandLine line = CommandLine.Parse(["/tmp/run.ps1", "a"]);

        Assert.Equal(HostMode.File, line.Mode);
        Assert.Equal("/tmp/run.ps1", line.Path);
        Assert.Equal(["a"], line.Arguments);
    }

    [Fact]
    public void Write_help_takes_one_path()
    {
        Assert.Equal(new CommandLine(HostMode.WriteHelp, null, "bin/", [], false, null) with { Arguments = [] },
            CommandLine.Parse(["--write-help", "bin/"]) with { Arguments = [] });
        Assert.NotNull(CommandLine.Parse(["--write-help", "a", "b"]).Error);
        Assert.NotNull(CommandLine.Parse(["--write-help"]).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-Bogus")]
    [InlineData("-Command")]
    [InlineData("-File")]
    public void A_wrong_command_line_is_an_error(string args)
    {
        CommandLine line = CommandLine.Parse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(HostMode.Usage, line.Mode);
        Assert.NotNull(line.Error);
    }

    [Theory]
    [InlineData("-Help")]
    [InlineData("-?")]
    [InlineData("--help")]
    public void Help_shows_the_usage(string option)
    {
        CommandLine line = CommandLine.Parse([option]);

        Assert.Equal(HostMode.Usage, line.Mode);
        Assert.Null(line.Error);
    }

    [Fact]
    public void Script_arguments_become_a_call_with_quoted_values()
    {
        string call = ScriptArguments.Invocation("/s/it's.ps1", ["-Name", "a'b", "-Count:3", "-Loud:$false", "-5", "$x", "-not-a-name"]);

        Assert.Equal("& '/s/it''s.ps1' -Name 'a''b' -Count:'3' -Loud:$false '-5' '$x' '-not-a-name'", call);
    }
}
