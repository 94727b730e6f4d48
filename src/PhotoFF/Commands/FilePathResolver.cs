using System.Management.Automation;

namespace PhotoFF.Commands;

/// <summary>
/// Turns a cmdlet's -Path (wildcards) or -LiteralPath (taken as written) into file system paths, as PowerShell's own
/// file cmdlets do: a path without wildcards that matches nothing is a FileNotFound error, a wildcard that matches
/// nothing is not an error, and a path of another provider (HKLM:, Env:) is refused. Errors go to the cmdlet, per path.
/// </summary>
internal sealed class FilePathResolver(PSCmdlet cmdlet)
{
    /// <summary>How many files the wildcards of the paths resolved so far matched, when a wildcard matched more than
    /// one: the total a progress bar can count towards.</summary>
    public int WildcardMatches { get; private set; }

    public IEnumerable<string> Resolve(string[] paths, bool literal) => literal ? ResolveLiteral(paths) : ResolveWildcards(paths);

    private IEnumerable<string> ResolveWildcards(string[] paths)
    {
        foreach (string path in paths)
        {
            List<string> files = [];
            try
            {
                files.AddRange(cmdlet.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider).Where(_ => IsFileSystem(provider, path)));
            }
            catch (ItemNotFoundException error)
            {
                cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"Cannot find '{path}': the file does not exist.", path, error), "FileNotFound", ErrorCategory.ObjectNotFound, path));
                continue;
            }

            if (files.Count > 1)
            {
                WildcardMatches += files.Count;
            }

            foreach (string file in files)
            {
                yield return file;
            }
        }
    }

    private IEnumerable<string> ResolveLiteral(string[] paths)
    {
        foreach (string path in paths)
        {
            string file = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (IsFileSystem(provider, path))
            {
                yield return file;
            }
        }
    }

    private bool IsFileSystem(ProviderInfo provider, string path)
    {
        if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            return true;
        }

        cmdlet.WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path (provider {provider.Name})."), "NotFileSystemPath", ErrorCategory.InvalidArgument, path));
        return false;
    }
}
