using System.Management.Automation;

namespace PhotoFF.Commands;

/// <summary>
/// Registers the module's Pester assertion (<c>Should -BeSimilarImage</c>) with the Pester module a runspace uses,
/// whichever of the two was imported first: PhotoFF.psm1 registers at import when Pester is there, and this hook does
/// it when a command of a Pester module the assertion is not registered with is looked up (Pester imported later, or
/// imported again, which forgets its operators). A compiled handler, because every command lookup of the session runs
/// it; the registration itself is the script given.
/// </summary>
public sealed class PesterAssertionHook : IDisposable
{
    private const string PesterModuleName = "Pester";

    /// <summary>Pester's own command lookups while it loads come before it exports this.</summary>
    private const string RegistrationCommand = "Add-ShouldOperator";
    private readonly CommandInvocationIntrinsics commands;
    private readonly ScriptBlock register;
    private readonly EventHandler<CommandLookupEventArgs> handler;
    private PSModuleInfo? registeredWith;
    private bool registering;

    /// <param name="commands">The runspace's <c>$ExecutionContext.InvokeCommand</c>.</param>
    /// <param name="register">Registers the assertion with the Pester module it is given; never throws.</param>
    public PesterAssertionHook(CommandInvocationIntrinsics commands, ScriptBlock register)
    {
        this.commands = commands ?? throw new ArgumentNullException(nameof(commands));
        this.register = register ?? throw new ArgumentNullException(nameof(register));
        handler = OnCommandFound;
        commands.PostCommandLookupAction = (EventHandler<CommandLookupEventArgs>?)Delegate.Combine(commands.PostCommandLookupAction, handler);
    }

    /// <summary>Registers with <paramref name="pester"/> (loaded) unless this hook registered with that module already.</summary>
    public void RegisterWith(PSModuleInfo pester)
    {
        if (ReferenceEquals(pester, registeredWith) || registering)
        {
            return;
        }

        registering = true;
        try
        {
            registeredWith = pester;
            register.Invoke(pester);
        }
        finally
        {
            registering = false;
        }
    }

    public void Dispose() =>
        commands.PostCommandLookupAction = (EventHandler<CommandLookupEventArgs>?)Delegate.Remove(commands.PostCommandLookupAction, handler);

    private void OnCommandFound(object? sender, CommandLookupEventArgs e)
    {
        if (e.Command?.Module is { Name: PesterModuleName } pester && !ReferenceEquals(pester, registeredWith)
            && pester.ExportedCommands.ContainsKey(RegistrationCommand))
        {
            RegisterWith(pester);
        }
    }
}
