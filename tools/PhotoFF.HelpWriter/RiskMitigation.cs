namespace PhotoFF.HelpWriter;

/// <summary>-WhatIf and -Confirm: added by PowerShell to cmdlets that support ShouldProcess; their help text is standard.</summary>
internal sealed record RiskMitigation(string Name, string Alias, string Description)
{
    public static IReadOnlyList<RiskMitigation> Parameters { get; } =
    [
        new("WhatIf", "wi", "Shows what would happen if the cmdlet runs. The cmdlet is not run."),
        new("Confirm", "cf", "Prompts you for confirmation before running the cmdlet."),
    ];

    public static bool IsRiskMitigation(string parameter) =>
        Parameters.Any(p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase));
}
