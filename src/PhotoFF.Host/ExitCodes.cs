namespace PhotoFF.Host;

/// <summary>What photoff's exit code means.</summary>
public static class ExitCodes
{
    /// <summary>The script ran and wrote no error.</summary>
    public const int Success = 0;

    /// <summary>The script wrote one or more (non-terminating) errors, or the help had problems.</summary>
    public const int Errors = 1;

    /// <summary>A terminating error stopped the script (a throw, -ErrorAction Stop, a parse error, a module that did not load).</summary>
    public const int Terminated = 2;

    /// <summary>The command line was wrong (as pwsh does).</summary>
    public const int Usage = 64;

    /// <summary>Ctrl+C stopped the pipeline (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
