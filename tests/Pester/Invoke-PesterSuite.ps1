<#
.SYNOPSIS
    Runs the Pester tests of the module surface (tests/Pester/*.Tests.ps1) and writes the counts to a JSON file.
.DESCRIPTION
    Called by `build.ps1 -Task Test` in a fresh pwsh, with the Pester module restored from NuGet. Prints Pester's own
    report, then writes {Passed, Failed, Skipped} to -Report for build.ps1 to add to the xunit counts.
    The tests run with PowerShell's defaults ($ErrorActionPreference Continue, as users have it) and with every rented
    pixel buffer poisoned (PHOTOFF_POISON_BUFFERS=1, inherited by the pwsh processes tests start), so that an operation
    that leaves pixels unwritten fails visibly.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $Report,
    [string] $Filter
)

Import-Module $PesterManifest -Force -ErrorAction Stop
$env:PHOTOFF_POISON_BUFFERS = '1'

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.Output.RenderMode = 'Plaintext'
if ($Filter) { $configuration.Filter.FullName = $Filter }

$result = Invoke-Pester -Configuration $configuration
# A container that failed to load (a syntax error, a BeforeAll that threw) counts as a failure, not as nothing run.
# Tests a -Filter leaves out are not run, and not counted.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $failed
    Skipped = $result.SkippedCount + $(if ($Filter) { 0 } else { $result.NotRunCount })
} | ConvertTo-Json | Set-Content -LiteralPath $Report
