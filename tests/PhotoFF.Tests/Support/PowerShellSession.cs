using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace PhotoFF.Tests.Support;

/// <summary>
/// A real PowerShell runspace (the 7.6 engine, in process) with the built module imported from its manifest, as a
/// user's session would have it. Runs scripts and keeps what each stream received.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace runspace;

    public PowerShellSession(bool importModule = true)
    {
        // The assembly is loaded by the test host already; the psm1 imports that copy.
        _ = typeof(PhotoFF.Imaging.CudaImage).Assembly;
        ModuleHelp.EnsureWritten();
        InitialSessionState state = InitialSessionState.CreateDefault2();
        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        if (importModule)
        {
            Run($"Import-Module '{ManifestPath}' -ErrorAction Stop").ThrowOnErrors();
        }
    }

    /// <summary>The manifest in the module/ folder of the build output. Not beside the assembly: that folder is $PSHOME
    /// (it holds System.Management.Automation.dll in a RID-specific build), where PowerShell resolves a module's format
    /// files differently and fails to find them.</summary>
    public static string ManifestPath => Path.Combine(AppContext.BaseDirectory, "module", "PhotoFF.psd1");

    /// <summary>Runs <paramref name="script"/>; named <paramref name="variables"/> are set first.</summary>
    public PowerShellResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        shell.AddScript(script);
        Collection<PSObject> output;
        Exception? terminating = null;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException error)
        {
            output = [];
            terminating = error;
        }

        return new PowerShellResult(
            output.Select(o => o?.BaseObject).ToList(),
            [.. shell.Streams.Error],
            shell.Streams.Warning.Select(w => w.Message).ToList(),
            [.. shell.Streams.Progress],
            terminating);
    }

    public void Dispose() => runspace.Dispose();
}

/// <summary>What a script wrote to each stream.</summary>
public sealed record PowerShellResult(
    IReadOnlyList<object?> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ProgressRecord> Progress,
    Exception? Terminating)
{
    /// <summary>Fails the test with every error the script wrote.</summary>
    public PowerShellResult ThrowOnErrors()
    {
        if (Terminating is not null)
        {
            Assert.Fail($"The script stopped: {Terminating.Message}");
        }

        if (Errors.Count > 0)
        {
            Assert.Fail("The script wrote errors:\n" + string.Join("\n", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}")));
        }

        return this;
    }

    public IEnumerable<T> OutputOf<T>() => Output.OfType<T>();
}
