using PhotoFF.Commands.Help;

namespace PhotoFF.Tests.Support;

/// <summary>
/// Writes PhotoFF.dll-Help.xml beside the PhotoFF.dll the tests load, once per test run, before the first runspace imports
/// the module: Get-Help reads it from there. The report says what the writer found wrong (HelpTests asserts on it).
/// </summary>
public static class ModuleHelp
{
    private static readonly Lazy<HelpReport> Written = new(
        () => MamlHelpWriter.Write(Path.Combine(Path.GetDirectoryName(typeof(MamlHelpWriter).Assembly.Location)!, MamlHelpWriter.FileName)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static HelpReport EnsureWritten() => Written.Value;
}
