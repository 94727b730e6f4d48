using System.Text;
using PhotoFF.Host;

namespace PhotoFF.Tests.Host;

/// <summary>A console for <see cref="ScriptRunner"/> that keeps what goes to standard output and standard error.</summary>
public sealed class HostOutput
{
    private readonly ObservedWriter output = new();
    private readonly StringWriter error = new();

    public HostOutput(bool terminal = false, string input = "")
    {
        Console = new HostConsole(output, error, new StringReader(input), terminal, terminal, inputIsTerminal: false, useColor: terminal, width: 100);
    }

    public HostConsole Console { get; }

    public string Output => output.ToString();

    public string Error => error.ToString();

    /// <summary>Set when the output contains the text given to <see cref="Watch"/>.</summary>
    public ManualResetEventSlim Seen => output.Seen;

    public void Watch(string text) => output.Marker = text;

    public ScriptRunner Runner(bool verbose = false) => new(Console, verbose, Support.PowerShellSession.ManifestPath);

    private sealed class ObservedWriter : StringWriter
    {
        public string? Marker { get; set; }

        public ManualResetEventSlim Seen { get; } = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (Marker is not null && !Seen.IsSet && ToString().Contains(Marker, StringComparison.Ordinal))
            {
                Seen.Set();
            }
        }
    }
}
