using PhotoFF.Host;

HostConsole console = HostConsole.FromSystemConsole();
CommandLine commandLine = CommandLine.Parse(args);

switch (commandLine.Mode)
{
    case HostMode.Usage:
        if (commandLine.Error is not null)
        {
            console.ErrorLine($"photoff: {commandLine.Error}", ConsoleColor.Red);
            console.Error.WriteLine(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        console.Output.WriteLine(CommandLine.Usage);
        return ExitCodes.Success;

    case HostMode.WriteHelp:
        return HelpFileCommand.Run(commandLine.Path!, console);
}

using var runner = new ScriptRunner(console, commandLine.Verbose);

// Ctrl+C stops the pipeline (its cmdlets release what they hold) instead of killing the process.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    runner.Stop();
};

string? script = commandLine.Script == "-" ? Console.In.ReadToEnd() : commandLine.Script;
int exitCode = commandLine.Mode == HostMode.File
    ? runner.RunFile(commandLine.Path!, commandLine.Arguments)
    : runner.RunCommand(script!);
console.Output.Flush();
return exitCode;
