using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace PhotoFF.Host;

/// <summary>
/// The host's user interface: formatted output on standard output; errors, warnings, verbose and debug messages and
/// progress on standard error (colored on a terminal); prompts read from standard input.
/// </summary>
public sealed partial class HostUserInterface(HostConsole console, ProgressRenderer progress) : PSHostUserInterface
{
    private readonly HostRawUserInterface raw = new(console);

    public override PSHostRawUserInterface RawUI => raw;

    /// <summary>ANSI styles from the formatter ($PSStyle) only when standard output is a terminal with colors.</summary>
    public override bool SupportsVirtualTerminal => console.UseColor && console.OutputIsTerminal;

    public bool WroteErrors { get; private set; }

    public override void Write(string value) => WriteOutput(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        WriteOutput(console.Colored(value, foregroundColor == raw.ForegroundColor ? null : foregroundColor, console.OutputIsTerminal));

    public override void WriteLine(string value) => WriteOutput(value + Environment.NewLine);

    public override void WriteErrorLine(string value)
    {
        WroteErrors = true;
        ToError(value, ConsoleColor.Red);
    }

    public override void WriteWarningLine(string message) => ToError("WARNING: " + message, ConsoleColor.Yellow);

    public override void WriteVerboseLine(string message) => ToError("VERBOSE: " + message, ConsoleColor.Cyan);

    public override void WriteDebugLine(string message) => ToError("DEBUG: " + message, ConsoleColor.Yellow);

    /// <summary>Information records that reach the host are to be shown (Write-Host, or -InformationAction Continue).</summary>
    public override void WriteInformation(InformationRecord record)
    {
        if (record.MessageData is HostInformationMessage host)
        {
            string text = host.Message + (host.NoNewLine == true ? string.Empty : Environment.NewLine);
            WriteOutput(host.ForegroundColor is { } color ? console.Colored(text, color, console.OutputIsTerminal) : text);
        }
        else if (record.MessageData is not null)
        {
            WriteLine(record.MessageData.ToString() ?? string.Empty);
        }
    }

    public override void WriteProgress(long sourceId, ProgressRecord record) => progress.Show(record);

    public override string ReadLine()
    {
        progress.Clear();
        return console.Input.ReadLine() ?? throw new PSInvalidOperationException("photoff needs input, but standard input has ended.");
    }

    public override SecureString ReadLineAsSecureString()
    {
        var secret = new SecureString();
        if (console.InputIsTerminal && ReferenceEquals(console.Input, Console.In))
        {
            // Read keys without echo, as a password prompt should.
            for (ConsoleKeyInfo key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    if (secret.Length > 0)
                    {
                        secret.RemoveAt(secret.Length - 1);
                    }
                }
                else if (key.KeyChar != '\0')
                {
                    secret.AppendChar(key.KeyChar);
                }
            }

            console.Error.WriteLine();
        }
        else
        {
            foreach (char c in ReadLine())
            {
                secret.AppendChar(c);
            }
        }

        secret.MakeReadOnly();
        return secret;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        RequireInput("a value");
        WritePromptHeader(caption, message);
        var answers = new Dictionary<string, PSObject>();
        foreach (FieldDescription field in descriptions)
        {
            ToError($"{field.Name}: ", color: null, newLine: false);
            bool secret = field.ParameterTypeFullName == typeof(SecureString).FullName;
            answers[field.Name] = secret ? new PSObject(ReadLineAsSecureString()) : new PSObject(ReadLine());
        }

        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        RequireInput("a choice");
        WritePromptHeader(caption, message);
        List<string> keys = choices.Select(Hotkey).ToList();
        string menu = string.Join("  ", choices.Select((c, i) => $"[{keys[i]}] {c.Label.Replace("&", string.Empty, StringComparison.Ordinal)}"));
        while (true)
        {
            string suffix = defaultChoice >= 0 ? $" (default is \"{keys[defaultChoice]}\")" : string.Empty;
            ToError($"{menu}{suffix}: ", color: null, newLine: false);
            string answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0)
            {
                return defaultChoice;
            }

            int index = keys.FindIndex(k => string.Equals(k, answer, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index;
            }
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        RequireInput("a credential");
        WritePromptHeader(caption, message);
        if (string.IsNullOrEmpty(userName))
        {
            ToError("User: ", color: null, newLine: false);
            userName = ReadLine();
        }

        ToError($"Password for {userName}: ", color: null, newLine: false);
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    private static string Hotkey(ChoiceDescription choice)
    {
        int amp = choice.Label.IndexOf('&', StringComparison.Ordinal);
        return amp >= 0 && amp + 1 < choice.Label.Length
            ? choice.Label[amp + 1].ToString(CultureInfo.InvariantCulture).ToUpperInvariant()
            : choice.Label;
    }

    /// <summary>A prompt with no one to answer it would wait forever on a pipe: refuse it unless stdin is a terminal or redirected input is given.</summary>
    private void RequireInput(string what)
    {
        if (!console.InputIsTerminal && console.Input.Peek() < 0)
        {
            throw new PSInvalidOperationException($"The script asked for {what}, but photoff has no input to read it from. Pass the value as a parameter.");
        }
    }

    private void WritePromptHeader(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            ToError(caption);
        }

        if (!string.IsNullOrEmpty(message))
        {
            ToError(message);
        }
    }

    /// <summary>Writes formatted output; escape sequences ($PSStyle's colors) reach only a terminal that shows colors.</summary>
    private void WriteOutput(string text)
    {
        progress.Clear();
        if (!SupportsVirtualTerminal && text.Contains('\u001b', StringComparison.Ordinal))
        {
            text = EscapeSequence().Replace(text, string.Empty);
        }

        lock (console.Output)
        {
            console.Output.Write(text);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\u001b\\[[0-9;?]*[ -/]*[@-~]")]
    private static partial System.Text.RegularExpressions.Regex EscapeSequence();

    private void ToError(string text, ConsoleColor? color = null, bool newLine = true)
    {
        progress.Clear();
        lock (console.Error)
        {
            console.Output.Flush();
            string colored = console.Colored(text, color, console.ErrorIsTerminal);
            if (newLine)
            {
                console.Error.WriteLine(colored);
            }
            else
            {
                console.Error.Write(colored);
            }

            console.Error.Flush();
        }
    }
}
