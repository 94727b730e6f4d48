namespace PhotoFF.HelpWriter;

/// <summary>
/// <c>PhotoFF.HelpWriter &lt;help folder&gt; &lt;output&gt;</c>: writes PhotoFF.dll-Help.xml for the cmdlets of PhotoFF.dll
/// from help/*.md and reports every help problem.
/// </summary>
internal static class HelpWriterCommand
{
    public const int Complete = 0;
    public const int WrittenWithProblems = 1;
    public const int Failed = 2;

    /// <returns><see cref="Complete"/> when the help is complete; <see cref="WrittenWithProblems"/> when it was written
    /// with problems (each on <paramref name="error"/>); <see cref="Failed"/> when it could not be written.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 2)
        {
            error.WriteLine("usage: PhotoFF.HelpWriter <help folder> <output file or folder>");
            return Failed;
        }

        (string markdownFolder, string path) = (args[0], args[1]);
        HelpReport report;
        try
        {
            report = MamlHelpWriter.Write(path, typeof(Imaging.CudaImage).Assembly, markdownFolder);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"PhotoFF.HelpWriter: the help could not be written to '{path}': {failure.Message}");
            return Failed;
        }

        foreach (HelpProblem problem in report.Problems)
        {
            error.WriteLine($"PhotoFF.HelpWriter: help problem ({problem.Kind}): {problem}");
        }

        output.WriteLine($"Wrote the help of {report.Commands.Count} cmdlets to {path}" +
            (report.IsComplete ? "." : $", with {report.Problems.Count} problem(s)."));
        return report.IsComplete ? Complete : WrittenWithProblems;
    }
}
