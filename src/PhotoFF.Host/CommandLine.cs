namespace PhotoFF.Host;

/// <summary>What photoff was asked to do.</summary>
public enum HostMode
{
    Command,
    File,
    WriteHelp,
    Usage,
}

/// <summary>
/// photoff's command line, in the spirit of pwsh's: <c>-Command &lt;script&gt;</c> (the rest of the line; <c>-</c> reads it from
/// standard input), <c>-File &lt;path&gt; [args]</c> (also the first bare argument), <c>--write-help &lt;path&gt;</c>, <c>-Verbose</c>,
/// <c>-Help</c>. Option names are case-insensitive and may start with one or two dashes.
/// </summary>
public sealed record CommandLine(HostMode Mode, string? Script, string? Path, IReadOnlyList<string> Arguments, bool Verbose, string? Error)
{
    public const string Usage = """
        Usage: photoff [-Verbose] -Command <script>
               photoff [-Verbose] -File <script.ps1> [arguments]
               photoff --write-help <path>

        Runs PowerShell with the PhotoFF module imported.
          -Command, -c     Runs the rest of the command line as a script ('-' reads it from standard input).
          -File, -f        Runs a script file; the arguments that follow are passed to it.
          --write-help     Writes PhotoFF.dll-Help.xml (the help Get-Help shows) to a file or a folder.
          -Verbose         Shows verbose messages.
          -Help, -?        Shows this text.
        Exit code: 0 done; 1 errors were written; 2 a terminating error; 64 a wrong command line; 130 stopped by Ctrl+C;
        or the code of the script's own `exit`.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        bool verbose = false;
        for (int i = 0; i < args.Count; i++)
        {
            string? option = Normalize(args[i]);
            switch (option)
            {
                case "verbose" or "v":
                    verbose = true;
                    break;
                case "help" or "h" or "?":
                    return new CommandLine(HostMode.Usage, null, null, [], verbose, null);
                case "command" or "c":
                    if (i + 1 >= args.Count)
                    {
                        return Fail("-Command needs a script.");
                    }

                    return new CommandLine(HostMode.Command, string.Join(' ', args.Skip(i + 1)), null, [], verbose, null);
                case "file" or "f":
                    if (i + 1 >= args.Count)
                    {
                        return Fail("-File needs the path of a script.");
                    }

                    return new CommandLine(HostMode.File, null, args[i + 1], args.Skip(i + 2).ToList(), verbose, null);
                case "write-help" or "writehelp":
                    if (i + 1 >= args.Count)
                    {
                        return Fail("--write-help needs the path of the file (or folder) to write.");
                    }

                    return i + 2 < args.Count
                        ? Fail($"--write-help takes one path; '{args[i + 2]}' is extra.")
                        : new CommandLine(HostMode.WriteHelp, null, args[i + 1], [], verbose, null);
                case null:
                    // A bare first argument is a script file, as for pwsh.
                    return new CommandLine(HostMode.File, null, args[i], args.Skip(i + 1).ToList(), verbose, null);
                default:
                    return Fail($"'{args[i]}' is not an option of photoff.");
            }
        }

        return new CommandLine(HostMode.Usage, null, null, [], verbose, args.Count == 0 ? "Nothing to run." : null);
    }

    private static CommandLine Fail(string error) => new(HostMode.Usage, null, null, [], false, error);

    /// <summary>The option's name without its dashes, in lower case; null when the argument is not an option.</summary>
    private static string? Normalize(string argument)
    {
        if (argument is "-?" or "/?")
        {
            return "?";
        }

        // Only dashes: a leading slash is a path on Linux and macOS.
        return argument.Length < 2 || argument[0] != '-' || argument == "--" ? null : argument.TrimStart('-').ToLowerInvariant();
    }
}
