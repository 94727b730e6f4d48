using PhotoFF.Commands.Help;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Help;

/// <summary>Get-Help shows complete help for every cmdlet the module exports, and help/*.md matches the cmdlets.</summary>
public sealed class HelpTests
{
    /// <summary>For each exported cmdlet, what Get-Help -Full lacks: one line per problem.</summary>
    private const string AuditScript = """
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        foreach ($command in Get-Command -Module PhotoFF -CommandType Cmdlet) {
            $name = $command.Name
            $help = Get-Help $name -Full
            if ([string]::IsNullOrWhiteSpace($help.Synopsis) -or $help.Synopsis -like '*CommonParameters*') { "${name}: no synopsis" }
            if ([string]::IsNullOrWhiteSpace((@($help.description) | ForEach-Object Text) -join '')) { "${name}: no description" }
            if (@($help.syntax.syntaxItem).Count -ne $command.ParameterSets.Count) { "${name}: $(@($help.syntax.syntaxItem).Count) syntax items for $($command.ParameterSets.Count) parameter sets" }
            foreach ($parameter in $command.Parameters.Keys) {
                if ($common -contains $parameter) { continue }
                $entry = @($help.parameters.parameter) | Where-Object { $_.name -eq $parameter }
                if (-not $entry) { "${name}: -$parameter is missing"; continue }
                if ([string]::IsNullOrWhiteSpace((@($entry.description) | ForEach-Object Text) -join '')) { "${name}: -$parameter has no description" }
                if ((Get-Help $name -Parameter $parameter).name -ne $parameter) { "${name}: Get-Help -Parameter $parameter does not find it" }
            }
            $examples = @($help.examples.example)
            if ($examples.Count -eq 0) { "${name}: no example" }
            foreach ($example in $examples) {
                if ([string]::IsNullOrWhiteSpace($example.code)) { "${name}: the example '$($example.title)' has no code" }
            }
        }
        """;

    [Fact]
    public void Every_exported_cmdlet_has_synopsis_description_parameters_and_examples()
    {
        using var session = new PowerShellSession();
        IReadOnlyList<object?> exported = session.Run("Get-Command -Module PhotoFF -CommandType Cmdlet | ForEach-Object Name").ThrowOnErrors().Output;
        Assert.Contains("Invoke-GaussianBlur", exported);
        Assert.Contains("New-CudaImage", exported);

        IReadOnlyList<object?> missing = session.Run(AuditScript).ThrowOnErrors().Output;

        Assert.True(missing.Count == 0, "Get-Help lacks:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_writer_reports_no_missing_or_unknown_help()
    {
        HelpReport report = ModuleHelp.EnsureWritten();
        IReadOnlyList<CmdletSignature> cmdlets = CmdletSignature.FromAssembly(typeof(MamlHelpWriter).Assembly);
        Assert.Equal(cmdlets.Select(c => c.Name), report.Commands);

        IReadOnlyList<HelpProblem> problems = report.Problems;
        Assert.True(problems.Count == 0, "Help problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_cmdlet_of_the_assembly_is_exported_with_its_help()
    {
        using var session = new PowerShellSession();
        var exported = session.Run("Get-Command -Module PhotoFF -CommandType Cmdlet | ForEach-Object Name").ThrowOnErrors().Output.OfType<string>().ToHashSet();

        IEnumerable<string> notExported = CmdletSignature.FromAssembly(typeof(MamlHelpWriter).Assembly).Select(c => c.Name).Where(n => !exported.Contains(n));

        Assert.Empty(notExported);
    }

    [Fact]
    public void Get_Help_shows_parameter_attributes_from_the_cmdlet()
    {
        using var session = new PowerShellSession();

        IReadOnlyList<string> radius = Strings(session, "Get-Help Invoke-GaussianBlur -Parameter Radius", "required", "position", "parameterValue", "defaultValue");
        IReadOnlyList<string> input = Strings(session, "Get-Help Invoke-GaussianBlur -Parameter InputObject", "required", "position", "pipelineInput");
        IReadOnlyList<string> color = Strings(session, "Get-Help New-CudaImage -Parameter Color", "required", "position", "parameterValue", "defaultValue");
        IReadOnlyList<string> whatIf = Strings(session, "Get-Help Clear-CudaBufferPool -Parameter WhatIf", "required", "aliases", "defaultValue");

        Assert.Equal(["true", "0", "Double", "None"], radius);
        Assert.Equal(["true", "named", "True (ByValue)"], input);
        Assert.Equal(["false", "2", "Rgba", "Transparent"], color);
        Assert.Equal(["false", "wi", "False"], whatIf);
    }

    [Fact]
    public void Get_Help_shows_one_syntax_per_parameter_set_the_types_and_the_examples()
    {
        using var session = new PowerShellSession();
        const string script = """
            $blur = Get-Help Invoke-GaussianBlur -Full
            $pool = Get-Help Get-CudaBufferPool -Full
            @($blur.syntax.syntaxItem).Count
            @($blur.syntax.syntaxItem)[1].parameter[0].name
            $blur.inputTypes.inputType.type.name
            $blur.returnValues.returnValue.type.name
            $pool.inputTypes.inputType.type.name
            $pool.returnValues.returnValue.type.name
            $blur.Synopsis
            @($blur.examples.example)[0].title
            @($blur.examples.example)[0].code
            """;

        var lines = session.Run(script).ThrowOnErrors().Output.Select(o => o?.ToString()).ToList();

        Assert.Equal(
            [
                "2", "Sigma", "PhotoFF.Imaging.CudaImage", "PhotoFF.Imaging.CudaImage", "None", "PhotoFF.Memory.BufferPoolStatistics",
                "Blurs each image from the pipeline with a Gaussian blur, in place.",
                "-------------------------- Example 1: Blur every photo of a folder --------------------------",
                "Get-ChildItem *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Export-CudaImage -Destination out",
            ],
            lines);
    }

    [Fact]
    public void Tab_completion_offers_color_names()
    {
        using var session = new PowerShellSession();
        const string line = "New-CudaImage 1 1 -Color Cornfl";

        IReadOnlyList<object?> matches = session.Run($"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText")
            .ThrowOnErrors().Output;

        Assert.Contains("CornflowerBlue", matches.OfType<string>(), StringComparer.OrdinalIgnoreCase);
        Assert.All(matches.OfType<string>(), m => Assert.StartsWith("Cornfl", m, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Tab_completion_offers_parameter_names()
    {
        using var session = new PowerShellSession();
        const string line = "Invoke-GaussianBlur -";

        IReadOnlyList<object?> matches = session.Run($"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText")
            .ThrowOnErrors().Output;

        Assert.Contains("-Radius", matches);
        Assert.Contains("-Sigma", matches);
        Assert.Contains("-InputObject", matches);
    }

    /// <summary>The <paramref name="properties"/> of the one object <paramref name="script"/> writes, as strings.</summary>
    private static IReadOnlyList<string> Strings(PowerShellSession session, string script, params string[] properties)
    {
        string select = string.Join("; ", properties.Select(p => $"[string]$item.{p}"));
        return session.Run($"$item = {script}; {select}").ThrowOnErrors().Output.Select(o => o?.ToString() ?? string.Empty).ToList();
    }
}
