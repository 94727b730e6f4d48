using PhotoFF.HelpWriter;

namespace PhotoFF.Tests.Support;

/// <summary>
/// Writes PhotoFF.dll-Help.xml beside the PhotoFF.dll the tests load, once per test run, before the first runspace imports
/// the module: Get-Help reads it from there.
/// </summary>
internal static class ModuleHelp
{
    private static readonly Lazy<HelpReport> Written = new(
        () => MamlHelpWriter.Write(
            Path.Combine(Path.GetDirectoryName(typeof(Imaging.CudaImage).Assembly.Location)!, MamlHelpWriter.FileName),
            typeof(Imaging.CudaImage).Assembly,
            Repository.Path("help")),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static HelpReport EnsureWritten() => Written.Value;
}
