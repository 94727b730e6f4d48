namespace PhotoFF.Host;

/// <summary>
/// Where the host writes and reads: standard output (the formatted pipeline output), standard error (errors, warnings,
/// verbose, progress) and standard input (prompts), with what is known about each (a terminal or not, colors, width).
/// </summary>
public sealed class HostConsole
{
    public const int DefaultWidth = 120;

    public HostConsole(TextWriter output, TextWriter error, TextReader input, bool outputIsTerminal = false, bool errorIsTerminal = false,
        bool inputIsTerminal = false, bool useColor = false, int width = DefaultWidth)
    {
        Output = output;
        Error = error;
        Input = input;
        OutputIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
        InputIsTerminal = inputIsTerminal;
        UseColor = useColor;
        Width = width > 0 ? width : DefaultWidth;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TextReader Input { get; }

    public bool OutputIsTerminal { get; }

    public bool ErrorIsTerminal { get; }

    public bool InputIsTerminal { get; }

    /// <summary>Colors (ANSI escapes) on the terminal streams; off when NO_COLOR is set.</summary>
    public bool UseColor { get; }

    /// <summary>The width output is formatted to: the terminal's, else $COLUMNS, else 120.</summary>
    public int Width { get; }

    /// <summary>The process's own console.</summary>
    public static HostConsole FromSystemConsole()
    {
        bool outputIsTerminal = !Console.IsOutputRedirected;
        bool errorIsTerminal = !Console.IsErrorRedirected;
        bool color = (outputIsTerminal || errorIsTerminal) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return new HostConsole(Console.Out, Console.Error, Console.In, outputIsTerminal, errorIsTerminal, !Console.IsInputRedirected, color,
            TerminalWidth(outputIsTerminal || errorIsTerminal));
    }

    private static int TerminalWidth(bool terminal)
    {
        if (terminal)
        {
            try
            {
                if (Console.WindowWidth > 0)
                {
                    return Console.WindowWidth;
                }
            }
            catch (IOException)
            {
                // No console window after all: fall back to $COLUMNS.
            }
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0 ? columns : DefaultWidth;
    }

    /// <summary>Writes a line to standard error, in <paramref name="color"/> when stderr is a terminal and colors are on.</summary>
    public void ErrorLine(string text, ConsoleColor? color = null)
    {
        lock (Error)
        {
            Error.WriteLine(Colored(text, color, ErrorIsTerminal));
            Error.Flush();
        }
    }

    public string Colored(string text, ConsoleColor? color, bool terminal) =>
        color is { } c && UseColor && terminal ? $"\u001b[{AnsiCode(c)}m{text}\u001b[0m" : text;

    private static int AnsiCode(ConsoleColor color) => color switch
    {
        ConsoleColor.Black => 30,
        ConsoleColor.DarkRed => 31,
        ConsoleColor.DarkGreen => 32,
        ConsoleColor.DarkYellow => 33,
        ConsoleColor.DarkBlue => 34,
        ConsoleColor.DarkMagenta => 35,
        ConsoleColor.DarkCyan => 36,
        ConsoleColor.Gray => 37,
        ConsoleColor.DarkGray => 90,
        ConsoleColor.Red => 91,
        ConsoleColor.Green => 92,
        ConsoleColor.Yellow => 93,
        ConsoleColor.Blue => 94,
        ConsoleColor.Magenta => 95,
        ConsoleColor.Cyan => 96,
        _ => 97,
    };
}
