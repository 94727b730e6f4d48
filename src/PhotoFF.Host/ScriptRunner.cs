using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace PhotoFF.Host;

/// <summary>
/// Runs a PowerShell command or script file in a runspace with PhotoFF imported, and shows what it writes: output
/// formatted by Out-Default on standard output; errors (with their id and target), warnings, verbose messages and
/// progress on standard error. The exit code says how it went (<see cref="ExitCodes"/>; <c>exit N</c> gives N).
/// </summary>
public sealed class ScriptRunner : IDisposable
{
    private readonly HostConsole console;
    private readonly PhotoFFHost host;
    private readonly ProgressRenderer progress;
    private readonly Runspace runspace;
    private readonly object gate = new();
    private readonly bool verbose;
    private PowerShell? running;
    private bool imported;
    private bool stopRequested;

    /// <param name="console">Where the output goes.</param>
    /// <param name="verbose">Shows verbose messages ($VerbosePreference = 'Continue').</param>
    /// <param name="manifestPath">The module to import; found next to photoff or above it when null.</param>
    public ScriptRunner(HostConsole console, bool verbose = false, string? manifestPath = null)
    {
        this.console = console;
        progress = new ProgressRenderer(console);
        host = new PhotoFFHost(console, progress);
        ManifestPath = manifestPath ?? ModuleLocator.Find();

        // PhotoFF.psm1 imports the copy of PhotoFF.dll that is loaded already: make it this host's own.
        _ = typeof(PhotoFF.Imaging.CudaImage).Assembly;
        InitialSessionState state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        }

        runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        this.verbose = verbose;
    }

    public string? ManifestPath { get; }

    /// <summary>Runs <paramref name="script"/>, as <c>pwsh -Command</c> does.</summary>
    public int RunCommand(string script) => Run(shell => shell.AddScript(script), file: false);

    /// <summary>Runs the script file <paramref name="path"/> with <paramref name="arguments"/>, as <c>pwsh -File</c> does:
    /// <c>-Name value</c>, <c>-Name:value</c> and <c>-Switch</c> bind by name, other arguments by position.</summary>
    public int RunFile(string path, IReadOnlyList<string> arguments)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            console.ErrorLine($"photoff: the script file '{path}' does not exist.", ConsoleColor.Red);
            return ExitCodes.Usage;
        }

        return Run(shell => shell.AddScript(ScriptArguments.Invocation(fullPath, arguments)), file: true);
    }

    /// <summary>Sets a variable in the runspace before a run: how an embedding program hands objects to a script.</summary>
    public void SetVariable(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Stops the running pipeline (Ctrl+C); the run then returns <see cref="ExitCodes.Interrupted"/>.</summary>
    public void Stop()
    {
        PowerShell? shell;
        lock (gate)
        {
            stopRequested = true;
            shell = running;
        }

        shell?.BeginStop(null, null);
    }

    public void Dispose() => runspace.Dispose();

    /// <param name="addCommands">Adds the command or script to run.</param>
    /// <param name="file">A script file's <c>exit N</c> ends only the script and leaves N in $LASTEXITCODE: that is then the exit code.</param>
    private int Run(Action<PowerShell> addCommands, bool file)
    {
        if (!ImportModule(out int importFailure))
        {
            return importFailure;
        }

        runspace.SessionStateProxy.SetVariable("LASTEXITCODE", null);

        using PowerShell shell = PowerShell.Create();
        shell.Runspace = runspace;
        addCommands(shell);
        shell.AddCommand("Out-Default");

        int errors = 0;
        shell.Streams.Error.DataAdded += (_, e) =>
        {
            ErrorRecord record = shell.Streams.Error[e.Index];
            Interlocked.Increment(ref errors);
            WriteError(record);
        };

        int? terminated = Invoke(shell);
        if (terminated is { } code)
        {
            return code;
        }

        if (host.ExitCode is { } exit)
        {
            return exit;
        }

        if (file && runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int scriptExit)
        {
            return scriptExit;
        }

        return errors > 0 || host.WroteErrors ? ExitCodes.Errors : ExitCodes.Success;
    }

    /// <summary>Runs the pipeline; returns an exit code when it did not complete.</summary>
    private int? Invoke(PowerShell shell)
    {
        lock (gate)
        {
            if (stopRequested)
            {
                return ExitCodes.Interrupted;
            }

            running = shell;
        }

        try
        {
            shell.Invoke();
            return Interrupted(shell);
        }
        catch (PipelineStoppedException)
        {
            // The script's own `exit` ends the pipeline too; only a Ctrl+C is an interruption.
            return Interrupted(shell);
        }
        catch (RuntimeException error)
        {
            if (Interrupted(shell) is { } code)
            {
                return code;
            }

            WriteError(error.ErrorRecord);
            return ExitCodes.Terminated;
        }
        finally
        {
            lock (gate)
            {
                running = null;
            }
        }
    }

    /// <summary>Imports the module once; -Verbose applies to the script, not to the import.</summary>
    /// <summary>A stopped pipeline may end with or without an exception: what counts is that Ctrl+C asked for it.</summary>
    private int? Interrupted(PowerShell shell)
    {
        if (!stopRequested && shell.InvocationStateInfo.State != PSInvocationState.Stopped)
        {
            return null;
        }

        console.ErrorLine("photoff: stopped.", ConsoleColor.Yellow);
        return ExitCodes.Interrupted;
    }

    private bool ImportModule(out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (imported)
        {
            return true;
        }

        if (ManifestPath is null)
        {
            console.ErrorLine($"photoff: {ModuleLocator.ManifestName} was not found next to photoff or in a folder above it.", ConsoleColor.Red);
            exitCode = ExitCodes.Terminated;
            return false;
        }

        using PowerShell shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Import-Module").AddParameter("Name", ManifestPath).AddParameter("ErrorAction", ActionPreference.Stop);
        try
        {
            shell.Invoke();
        }
        catch (RuntimeException error)
        {
            WriteError(error.ErrorRecord);
            exitCode = ExitCodes.Terminated;
            return false;
        }

        imported = true;
        if (verbose)
        {
            runspace.SessionStateProxy.SetVariable("VerbosePreference", ActionPreference.Continue);
        }

        return true;
    }

    private void WriteError(ErrorRecord record)
    {
        progress.Clear();
        foreach (string line in ErrorRenderer.Lines(record))
        {
            console.ErrorLine(line, ConsoleColor.Red);
        }
    }
}
