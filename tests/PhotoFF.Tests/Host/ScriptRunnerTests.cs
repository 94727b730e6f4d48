using PhotoFF.Host;

namespace PhotoFF.Tests.Host;

/// <summary>photoff's runner, in process: what reaches stdout and stderr, and the exit code.</summary>
public sealed class ScriptRunnerTests
{
    private const string WarningFunction = """
        function Test-Warning { [CmdletBinding()] param([string] $Text) $PSCmdlet.WriteWarning($Text) }
        """;

    [Fact]
    public void Output_is_streamed_while_the_script_runs()
    {
        var console = new HostOutput();
        console.Watch("first");
        using ScriptRunner runner = console.Runner();
        runner.SetVariable("seen", console.Seen);

        int exit = runner.RunCommand("'first'; \"seen while running: $($seen.Wait(10000))\"");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["first", "seen while running: True"], Lines(console.Output));
    }

    [Fact]
    public void Objects_are_formatted_with_the_module_views()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand("New-CudaImage 3 2 -Color Red | Add-CornerRadius 1");

        Assert.Equal(ExitCodes.Success, exit);
        string[] lines = Lines(console.Output);
        Assert.Matches(@"^Width\s+Height\s+Backend\s+Device\s+Source$", lines[0]);
        Assert.Matches(@"^\s+3\s+2\s+(Cpu|Cuda)\s", lines[2]);
    }

    [Fact]
    public void A_written_error_gives_exit_code_1_with_its_id_and_target_and_the_script_goes_on()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand("$image = New-CudaImage 2 2; Remove-CudaImage $image; $image | Invoke-GaussianBlur 2; 'after'");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Equal(["after"], Lines(console.Output));
        // The CPU backend's one warning (once per process) may come first.
        Assert.Single(Lines(console.Error), l => l.StartsWith("Invoke-GaussianBlur: ", StringComparison.Ordinal));
        Assert.Contains("ErrorId: GaussianBlurFailed,PhotoFF.Commands.InvokeGaussianBlurCommand", console.Error, StringComparison.Ordinal);
        Assert.Contains("Target: ", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_argument_is_an_error_with_the_validation_id()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand("New-CudaImage 0 1");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("ParameterArgumentValidationError,PhotoFF.Commands.NewCudaImageCommand", console.Error, StringComparison.Ordinal);
        Assert.Contains("At line:1", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminating_error_gives_exit_code_2_and_stops_the_script()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand("'before'; throw 'it broke'; 'after'");

        Assert.Equal(ExitCodes.Terminated, exit);
        Assert.Equal(["before"], Lines(console.Output));
        Assert.StartsWith("it broke", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_error_gives_exit_code_2()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand("if (");

        Assert.Equal(ExitCodes.Terminated, exit);
        Assert.Contains("ErrorId: IfStatementMissingCondition", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_sets_the_exit_code()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand("'x'; exit 3; 'not reached'");

        Assert.Equal(3, exit);
        Assert.Equal(["x"], Lines(console.Output));
    }

    [Fact]
    public void A_warning_is_printed_on_standard_error_without_color_when_not_a_terminal()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand(WarningFunction + "\nTest-Warning 'mind the gap'; 'done'");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["done"], Lines(console.Output));
        Assert.Equal(["WARNING: mind the gap"], Lines(console.Error));
    }

    [Fact]
    public void A_warning_is_yellow_on_a_terminal()
    {
        var console = new HostOutput(terminal: true);
        using ScriptRunner runner = console.Runner();

        runner.RunCommand(WarningFunction + "\nTest-Warning 'mind the gap'");

        Assert.Contains("\u001b[93mWARNING: mind the gap\u001b[0m", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_messages_are_shown_only_with_verbose()
    {
        const string script = "function Test-Verbose { [CmdletBinding()] param() $PSCmdlet.WriteVerbose('details') }; Test-Verbose";
        var quiet = new HostOutput();
        var verbose = new HostOutput();
        using (ScriptRunner runner = quiet.Runner())
        {
            runner.RunCommand(script);
        }

        using (ScriptRunner runner = verbose.Runner(verbose: true))
        {
            runner.RunCommand(script);
        }

        Assert.Empty(quiet.Error);
        Assert.Equal(["VERBOSE: details"], Lines(verbose.Error));
    }

    [Fact]
    public void Progress_is_logged_now_and_then_when_not_a_terminal()
    {
        const string script = """
            function Test-Progress { [CmdletBinding()] param()
                foreach ($i in 1..50) { $PSCmdlet.WriteProgress([System.Management.Automation.ProgressRecord]::new(1, 'Working', "item $i") -as [System.Management.Automation.ProgressRecord]) }
            }
            Test-Progress
            """;
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        runner.RunCommand(script);

        Assert.Equal(["Working: item 1"], Lines(console.Error));
    }

    [Fact]
    public void Progress_is_one_line_rewritten_in_place_on_a_terminal()
    {
        const string script = """
            function Test-Progress { [CmdletBinding()] param()
                foreach ($i in 1..3) { $record = [System.Management.Automation.ProgressRecord]::new(1, 'Working', "item $i"); $record.PercentComplete = $i * 30; $PSCmdlet.WriteProgress($record) }
                $done = [System.Management.Automation.ProgressRecord]::new(1, 'Working', 'done'); $done.RecordType = 'Completed'; $PSCmdlet.WriteProgress($done)
            }
            Test-Progress
            """;
        var console = new HostOutput(terminal: true);
        using ScriptRunner runner = console.Runner();

        runner.RunCommand(script);

        Assert.DoesNotContain('\n', console.Error);
        Assert.Contains("\r\u001b[2K\u001b[96mWorking: item 3 90%\u001b[0m", console.Error, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[2K", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void File_runs_a_script_with_named_positional_and_switch_arguments()
    {
        string script = Path.Combine(Path.GetTempPath(), $"photoff-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, """
            param([string] $Name, [int] $Count = 1, [switch] $Loud, [Parameter(ValueFromRemainingArguments)] $Rest)
            "Name=$Name Count=$($Count + 1) Loud=$Loud Rest=$($Rest -join '|') Script=$(Split-Path -Leaf $PSCommandPath)"
            exit 4
            """.Replace("$(Split-Path -Leaf $PSCommandPath)", "$([IO.Path]::GetFileName($PSCommandPath))", StringComparison.Ordinal));
        try
        {
            var console = new HostOutput();
            using ScriptRunner runner = console.Runner();

            int exit = runner.RunFile(script, ["-Name", "it's", "-Count:41", "-Loud", "extra", "-5", "$env:HOME"]);

            Assert.Equal(4, exit);
            Assert.Equal([$"Name=it's Count=42 Loud=True Rest=extra|-5|$env:HOME Script={Path.GetFileName(script)}"], Lines(console.Output));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void File_turns_a_switch_off_with_false()
    {
        string script = Path.Combine(Path.GetTempPath(), $"photoff-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, "param([switch] $Loud) \"Loud=$Loud\"");
        try
        {
            var console = new HostOutput();
            using ScriptRunner runner = console.Runner();

            int exit = runner.RunFile(script, ["-Loud:$false"]);

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Equal(["Loud=False"], Lines(console.Output));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void A_missing_script_file_is_a_usage_error()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunFile("/no/such/script.ps1", []);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/no/such/script.ps1", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_mandatory_parameter_is_an_error_not_a_prompt()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand("New-CudaImage");

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("ErrorId: MissingMandatoryParameter,PhotoFF.Commands.NewCudaImageCommand", console.Error, StringComparison.Ordinal);
    }

    /// <summary>Clear-CudaBufferPool asks once per pool, and pools exist once a backend has made an image: this test
    /// must not depend on another test having made one first.</summary>
    private const string WithAPool = "New-CudaImage 1 1 | Remove-CudaImage; ";

    [Fact]
    public void A_confirmation_is_read_from_standard_input()
    {
        var yes = new HostOutput(input: "A\n");
        var no = new HostOutput(input: "L\n");
        using (ScriptRunner runner = yes.Runner())
        {
            runner.RunCommand(WithAPool + "Clear-CudaBufferPool -Confirm -PassThru | ForEach-Object { 'cleared' }");
        }

        using (ScriptRunner runner = no.Runner())
        {
            runner.RunCommand(WithAPool + "Clear-CudaBufferPool -Confirm -PassThru | ForEach-Object { 'cleared' }");
        }

        Assert.Contains("cleared", yes.Output, StringComparison.Ordinal);
        Assert.Contains("[Y] Yes", yes.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cleared", no.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmation_without_input_is_an_error_not_a_hang()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();

        int exit = runner.RunCommand(WithAPool + "Clear-CudaBufferPool -Confirm");

        Assert.NotEqual(ExitCodes.Success, exit);
        Assert.Contains("has no input to read it from", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_Help_shows_the_module_help()
    {
        var console = new HostOutput();
        using ScriptRunner runner = console.Runner();
        Support.ModuleHelp.EnsureWritten();

        int exit = runner.RunCommand("Get-Help Add-CornerRadius -Full");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Rounds the corners of each image", console.Output, StringComparison.Ordinal);
        Assert.Contains("-Radius <Double>", console.Output, StringComparison.Ordinal);
        Assert.Contains("Example 1", console.Output, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r', ' ')).Where(l => l.Length > 0).ToArray();
}
