# What the Pester tests of the module share: where the module under test and the shared test images are, whether CUDA
# tests run, and a fresh pwsh for tests that need their own process (signals, environment, Remove-Module).

$script:RepoRoot = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..'))

# The manifest under test: the repository's own, after `build.ps1 Build` (bin/PhotoFF.dll beside it).
function Get-PhotoFFManifest {
    if ($env:PHOTOFF_MODULE_UNDER_TEST) { return $env:PHOTOFF_MODULE_UNDER_TEST }
    [IO.Path]::Combine($script:RepoRoot, 'PhotoFF.psd1')
}

# Imports the module under test into the caller's session once; tests that need a fresh import use a new process.
function Import-PhotoFF {
    if (-not (Get-Module PhotoFF)) {
        Import-Module (Get-PhotoFFManifest) -Global -ErrorAction Stop -WarningAction SilentlyContinue
    }
}

# ../shared/testimages beside the repository (as CI lays it out), or $env:PHOTOFF_TESTIMAGES.
function Get-TestImagePath {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Parts)
    $root = $env:PHOTOFF_TESTIMAGES
    if (-not $root) {
        for ($dir = [IO.DirectoryInfo]::new($script:RepoRoot); $dir; $dir = $dir.Parent) {
            $candidate = [IO.Path]::Combine($dir.FullName, 'shared', 'testimages')
            if ([IO.Directory]::Exists($candidate)) { $root = $candidate; break }
        }
    }
    if (-not $root) { throw "shared/testimages was not found beside the repository; set PHOTOFF_TESTIMAGES." }
    if ($Parts) { Join-Path $root @Parts } else { $root }
}

function Get-SamplePath {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Parts)
    Join-Path ([IO.Path]::Combine($script:RepoRoot, 'samples')) @Parts
}

# Whether CUDA tests are skipped here: when no device is usable, unless PHOTOFF_REQUIRE_CUDA=1 (the GPU machine), where
# they run and fail. Evaluate in BeforeDiscovery: $skipCuda = Test-SkipCuda
function Test-SkipCuda {
    if ($env:PHOTOFF_REQUIRE_CUDA -eq '1') { return $false }
    $probe = Invoke-Pwsh -Command "Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue; [bool]((Get-CudaDevice).Where({ `$_.Backend -eq 'Cuda' }).Count)"
    -not ($probe.ExitCode -eq 0 -and $probe.Output -match 'True')
}

# The pwsh running the tests, as a command line for a fresh process: the PowerShell tool runs as `dotnet pwsh.dll`.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, [IO.Path]::Combine($PSHOME, 'pwsh.dll'))
    }
    @($process)
}

# Runs -Command in a new pwsh (no profile) and returns its exit code, standard output and error as strings.
function Invoke-Pwsh {
    param(
        [Parameter(Mandatory)] [string] $Command,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 300
    )
    $pwsh = Get-PwshCommand
    $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string]$Environment[$name] }
    $process = [Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "pwsh did not finish within $TimeoutSeconds s: $Command"
    }
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
}

Export-ModuleMember -Function Get-PhotoFFManifest, Import-PhotoFF, Get-TestImagePath, Get-SamplePath, Test-SkipCuda, Get-PwshCommand, Invoke-Pwsh
