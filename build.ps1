<#
.SYNOPSIS
    Builds, tests, demonstrates, compiles the kernels of, or benchmarks PhotoFF for PowerShell.
.DESCRIPTION
    The entry point of the project, run in the pinned PowerShell tool (`dotnet tool restore`, then `dotnet pwsh`).
    Each task is a thin call of the .NET SDK, Pester or the kernel compiler, run from the repository root whatever the
    current folder; the script's exit code says whether the task succeeded.

    Build    dotnet build -c <Configuration>: the module (bin/PhotoFF.dll and its help), the tests and the benchmarks.
             Then: Import-Module ./PhotoFF.psd1
    Test     Builds, then runs the xunit suite (the .NET layers) and the Pester suite (tests/Pester: the cmdlets as users
             meet them, in a fresh pwsh), and ends with one line: "N passed, N failed, N skipped", both added up.
             Without a GPU the CUDA tests report themselves skipped; set PHOTOFF_REQUIRE_CUDA=1 to make them fail.
    Demo     Builds the module, then runs samples/headline.ps1 in a fresh pwsh: the headline pipeline over the photos
             in samples/photos, printing what it did, the backend and the speed.
    Package  Builds the module and its help, stages what a user installs in artifacts/PhotoFF (manifest, scripts, format
             file, bin/ runtime files for Linux and Windows x64, en-US help, LICENSE, README) and makes the PowerShell
             Gallery package artifacts/PhotoFF.<version>.nupkg with PSResourceGet (tools/New-ModulePackage.ps1).
             Publish it with: Publish-PSResource -NupkgPath artifacts/PhotoFF.<version>.nupkg -Repository PSGallery -ApiKey ...
    Kernels  kernels/compile.sh: regenerates kernels/ptx/*.ptx from kernels/*.cu with clang-14 (no CUDA SDK needed).
             On Windows, clang is called directly with the same flags ($env:CLANG names it; clang-14, then clang).
    Bench    dotnet run --project bench/PhotoFF.Bench -c <Configuration>: the per-operation benchmarks.
.PARAMETER Task
    What to do: Build (the default), Test, Demo, Package, Kernels or Bench.
.PARAMETER Configuration
    The .NET build configuration: Release (the default) or Debug.
.PARAMETER TestFilter
    For Test: run only the Pester tests whose full name matches this wildcard, and only the xunit tests whose class
    name matches it (xunit's -class filter). All tests by default.
.PARAMETER NoBuild
    For Test: run what the last build left, without building (a machine with the .NET runtime but no SDK, such as the
    GPU machine the device tool lends).
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
    Builds everything and runs every test, ending with the summary line.
.EXAMPLE
    dotnet pwsh ./build.ps1 Demo
    Runs the headline pipeline over samples/photos.
.EXAMPLE
    dotnet pwsh ./build.ps1 Package
    Makes artifacts/PhotoFF.0.1.0.nupkg and says how big it is.
.EXAMPLE
    ./build.ps1 Kernels; ./build.ps1 Build
    Regenerates the PTX after editing a kernel, then rebuilds the module, which embeds it.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Kernels', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [string] $TestFilter,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

# The pwsh running this script, as a command line for a fresh process: the PowerShell tool runs as `dotnet pwsh.dll`.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, [IO.Path]::Combine($PSHOME, 'pwsh.dll'))
    }
    return @($process)
}

function Invoke-Pwsh([string[]] $Arguments) {
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive @Arguments
}

function Invoke-Build([string] $Project = [IO.Path]::Combine($root, 'PhotoFF.sln')) {
    & dotnet build $Project -c $Configuration -nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed (exit $LASTEXITCODE)." }
}

# The Pester module from the NuGet package restored by the build (tests/PhotoFF.Tests.csproj downloads it).
function Get-PesterManifest {
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = (& dotnet nuget locals global-packages --list) -join ''
        $packages = $line -replace '^global-packages:\s*', ''
    }
    $manifest = [IO.Path]::Combine($packages.Trim(), 'pester', '5.7.1', 'tools', 'Pester.psd1')
    if (-not [IO.File]::Exists($manifest)) { throw "Pester 5.7.1 was not restored to $manifest; run ./build.ps1 Build first." }
    return $manifest
}

function Invoke-XunitSuite([string] $Report) {
    $assembly = [IO.Path]::Combine($root, 'tests', 'PhotoFF.Tests', 'bin', $Configuration, 'net10.0', 'PhotoFF.Tests.dll')
    $arguments = @($assembly, '-noColor', '-ctrf', $Report)
    if ($TestFilter) { $arguments += @('-class', $TestFilter) }
    & dotnet @arguments | Out-Host
    if (-not [IO.File]::Exists($Report)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    $summary = (Get-Content -Raw $Report | ConvertFrom-Json).results.summary
    [pscustomobject]@{ Passed = $summary.passed; Failed = $summary.failed + $summary.other; Skipped = $summary.skipped + $summary.pending }
}

function Invoke-PesterSuite([string] $Report) {
    $runner = [IO.Path]::Combine($root, 'tests', 'Pester', 'Invoke-PesterSuite.ps1')
    $arguments = @('-File', $runner, '-PesterManifest', (Get-PesterManifest), '-Report', $Report)
    if ($TestFilter) { $arguments += @('-Filter', $TestFilter) }
    Invoke-Pwsh $arguments | Out-Host
    if (-not [IO.File]::Exists($Report)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    Get-Content -Raw $Report | ConvertFrom-Json
}

function Invoke-KernelCompiler {
    # Windows has no bash: the loop of kernels/compile.sh, with the same clang flags and the same output.
    $clang = @($env:CLANG, 'clang-14', 'clang').Where({ $_ -and (Get-Command $_ -CommandType Application -ErrorAction Ignore) }, 'First')
    if ($clang.Count -eq 0) {
        throw 'No clang was found to compile the kernels. Install LLVM/clang 14 (clang-14 or clang on PATH, or $env:CLANG), or run kernels/compile.sh under WSL or Git Bash.'
    }

    $kernels = [IO.Path]::Combine($root, 'kernels')
    $output = [IO.Path]::Combine($kernels, 'ptx')
    [void][IO.Directory]::CreateDirectory($output)
    $sources = [IO.Directory]::GetFiles($kernels, '*.cu')
    foreach ($source in $sources) {
        $ptx = [IO.Path]::Combine($output, [IO.Path]::GetFileNameWithoutExtension($source) + '.ptx')
        & $clang[0] -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-gpu-arch=sm_70 -O3 -ffp-contract=off -Wall -Werror -S $source -o $ptx
        if ($LASTEXITCODE -ne 0) { throw "clang failed on $source." }
        # As compile.sh: drop the generator's banner and keep LF line ends, so the files do not change across clang builds.
        $lines = [IO.File]::ReadAllLines($ptx).Where({ -not $_.StartsWith('// Generated by') })
        [IO.File]::WriteAllText($ptx, ($lines -join "`n") + "`n")
    }

    "compiled $($sources.Count) kernel files into $output"
}

switch ($Task) {
    'Build' {
        Invoke-Build
    }
    'Test' {
        if (-not $NoBuild) { Invoke-Build }
        $reports = [IO.Path]::Combine([IO.Path]::GetTempPath(), "photoff-test-$PID")
        [void][IO.Directory]::CreateDirectory($reports)
        $xunit = Invoke-XunitSuite ([IO.Path]::Combine($reports, 'xunit.ctrf.json'))
        $pester = Invoke-PesterSuite ([IO.Path]::Combine($reports, 'pester.json'))
        Remove-Item -LiteralPath $reports -Recurse -Force -ErrorAction Ignore
        "xunit:  $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
        "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
        $failed = $xunit.Failed + $pester.Failed
        "$($xunit.Passed + $pester.Passed) passed, $failed failed, $($xunit.Skipped + $pester.Skipped) skipped"
        exit ([int]($failed -gt 0))
    }
    'Demo' {
        Invoke-Build ([IO.Path]::Combine($root, 'src', 'PhotoFF', 'PhotoFF.csproj'))
        Invoke-Pwsh @('-File', [IO.Path]::Combine($root, 'samples', 'headline.ps1'))
        exit $LASTEXITCODE
    }
    'Package' {
        # The help writer's project builds the module first, then writes bin/PhotoFF.dll-Help.xml.
        Invoke-Build ([IO.Path]::Combine($root, 'tools', 'PhotoFF.HelpWriter', 'PhotoFF.HelpWriter.csproj'))
        $package = & ([IO.Path]::Combine($root, 'tools', 'New-ModulePackage.ps1')) -OutputPath ([IO.Path]::Combine($root, 'artifacts'))
        '{0}: {1:0.0} MB' -f $package, ((Get-Item -LiteralPath $package).Length / 1MB)
    }
    'Bench' {
        & dotnet run --project ([IO.Path]::Combine($root, 'bench', 'PhotoFF.Bench')) -c $Configuration
        exit $LASTEXITCODE
    }
    'Kernels' {
        if ($IsWindows) { Invoke-KernelCompiler }
        else {
            & bash ([IO.Path]::Combine($root, 'kernels', 'compile.sh'))
            exit $LASTEXITCODE
        }
    }
}
