namespace PhotoFF.Commands;

/// <summary>Where Get-Help -Online takes a user for each cmdlet (its HelpUri): the section of the project's README
/// that shows it.</summary>
internal static class HelpLinks
{
    /// <summary>The project's home.</summary>
    public const string Project = "https://github.com/photoff/PhotoFF.PowerShell";

    /// <summary>The README's table of every cmdlet with an example.</summary>
    public const string Cmdlets = Project + "#cmdlets";

    /// <summary>The README's section on reading, keeping and excluding metadata.</summary>
    public const string Metadata = Project + "#metadata";
}
