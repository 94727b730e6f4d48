using System.Globalization;
using System.Management.Automation.Host;

namespace PhotoFF.Host;

/// <summary>The PowerShell host of photoff: its user interface writes to a <see cref="HostConsole"/>; <c>exit</c> sets the exit code.</summary>
public sealed class PhotoFFHost(HostConsole console, ProgressRenderer progress) : PSHost
{
    private readonly HostUserInterface ui = new(console, progress);

    public override string Name => "photoff";

    public override Version Version { get; } = typeof(PhotoFFHost).Assembly.GetName().Version ?? new Version(0, 1);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>The code the script asked for with <c>exit</c>; null when it did not.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Whether something was written to the error stream through the host (an error shown by Out-Default).</summary>
    public bool WroteErrors => ui.WroteErrors;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() =>
        throw new System.Management.Automation.PSNotSupportedException("photoff runs scripts without an interactive prompt: nested prompts are not supported.");

    public override void ExitNestedPrompt() =>
        throw new System.Management.Automation.PSNotSupportedException("photoff runs scripts without an interactive prompt: nested prompts are not supported.");

    public override void NotifyBeginApplication()
    {
        // Native programs write straight to the process's console; nothing to hand over.
    }

    public override void NotifyEndApplication()
    {
        // See NotifyBeginApplication.
    }
}
