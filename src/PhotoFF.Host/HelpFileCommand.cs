using PhotoFF.Commands.Help;

namespace PhotoFF.Host;

/// <summary><c>photoff --write-help &lt;path&gt;</c>: writes PhotoFF.dll-Help.xml and reports every help problem.</summary>
public static class HelpFileCommand
{
    /// <returns>0 when the help is complete; 1 when it was written with problems (each on standard error); 2 when it could not be written.</returns>
    public static int Run(string path, HostConsole console)
    {
        HelpReport report;
        try
        {
            report = MamlHelpWriter.Write(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            console.ErrorLine($"photoff: the help could not be written to '{path}': {error.Message}", ConsoleColor.Red);
            return ExitCodes.Terminated;
        }

        foreach (HelpProblem problem in report.Problems)
        {
            console.ErrorLine($"photoff: help problem ({problem.Kind}): {problem}", ConsoleColor.Yellow);
        }

        console.Output.WriteLine($"Wrote the help of {report.Commands.Count} cmdlets to {path}" +
            (report.IsComplete ? "." : $", with {report.Problems.Count} problem(s)."));
        return report.IsComplete ? ExitCodes.Success : ExitCodes.Errors;
    }
}
