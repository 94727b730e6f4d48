# What the Pester tests of the module share: where the module under test and the shared test images are, whether CUDA
# tests run, random test images and pixel comparisons, what a script wrote to each stream, and a fresh pwsh for tests
# that need their own process (signals, environment, Remove-Module, a second copy of the module).

$script:RepoRoot = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..'))

# The manifest under test: the repository's own, after `build.ps1 Build` (bin/PhotoFF.dll beside it).
function Get-PhotoFFManifest {
    if ($env:PHOTOFF_MODULE_UNDER_TEST) { return $env:PHOTOFF_MODULE_UNDER_TEST }
    [IO.Path]::Combine($script:RepoRoot, 'PhotoFF.psd1')
}

function Get-RepositoryPath {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Parts)
    if ($Parts) { [IO.Path]::Combine([string[]](@($script:RepoRoot) + $Parts)) } else { $script:RepoRoot }
}

# Imports the module under test into the session once; tests that need a fresh import use a new process. Without a GPU
# the backend's one warning (per process) is taken here, so that it does not land in a test that counts warnings.
function Import-PhotoFF {
    if (-not (Get-Module PhotoFF)) {
        Import-Module (Get-PhotoFFManifest) -Global -ErrorAction Stop -WarningAction SilentlyContinue
        $null = Get-CudaDevice -WarningAction SilentlyContinue
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
    if ($Parts) { [IO.Path]::Combine([string[]](@($root) + $Parts)) } else { $root }
}

function Get-SamplePath {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Parts)
    [IO.Path]::Combine([string[]](@($script:RepoRoot, 'samples') + $Parts))
}

# Whether CUDA tests are skipped here: when no CUDA device is usable, unless PHOTOFF_REQUIRE_CUDA=1 (the GPU machine),
# where they run and fail. Evaluate in BeforeDiscovery: $skipCuda = Test-SkipCuda
function Test-SkipCuda {
    if ($env:PHOTOFF_REQUIRE_CUDA -eq '1') { return $false }
    Import-PhotoFF
    -not @(Get-CudaDevice).Where({ $_.Backend -eq 'Cuda' }).Count
}

# Whether the DejaVu fonts are installed: the text measurements are theirs (.ci/run installs fonts-dejavu-core).
function Test-DejaVu { [IO.File]::Exists('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') }

# Random RGBA pixels in which a quarter of the image is fully transparent, a quarter fully opaque and the rest random
# alpha, in blocks, so that operations meet both alpha edges and noise (as the xunit tests' RandomImages.Rgba).
function New-RandomPixels {
    param([int] $Width, [int] $Height, [int] $Seed, [switch] $Opaque)
    $pixels = [byte[]]::new($Width * $Height * 4)
    [Random]::new($Seed).NextBytes($pixels)
    $block = [Math]::Max(1, [Math]::Floor([Math]::Min($Width, $Height) / 4))
    for ($y = 0; $y -lt $Height; $y++) {
        for ($x = 0; $x -lt $Width; $x++) {
            $alpha = ($y * $Width + $x) * 4 + 3
            if ($Opaque) { $pixels[$alpha] = 255; continue }
            $region = ([Math]::Floor($x / $block) + 2 * [Math]::Floor($y / $block)) % 4
            if ($region -eq 0) { $pixels[$alpha] = 0 } elseif ($region -eq 1) { $pixels[$alpha] = 255 }
        }
    }
    , $pixels
}

# A CudaImage of random pixels (see New-RandomPixels).
function New-RandomImage {
    param([int] $Width, [int] $Height, [int] $Seed, [switch] $Opaque)
    , (New-RandomPixels $Width $Height $Seed -Opaque:$Opaque) | ConvertTo-CudaImage -Raw -Width $Width -Height $Height
}

# An image of -Pixels on the CPU backend, the reference that every CUDA result must match within 1, whatever backend
# new images go to here. (The backend is chosen when the image is made; PHOTOFF_BACKEND forces the CPU for that moment.)
function New-CpuImage {
    param([byte[]] $Pixels, [int] $Width, [int] $Height)
    $chosen = $env:PHOTOFF_BACKEND
    $env:PHOTOFF_BACKEND = 'Cpu'
    try { , $Pixels | ConvertTo-CudaImage -Raw -Width $Width -Height $Height }
    finally { $env:PHOTOFF_BACKEND = $chosen }
}

# The RGBA bytes of an image.
function Get-Pixels {
    param([Parameter(Mandatory)] [PhotoFF.Imaging.CudaImage] $Image)
    , ($Image | ConvertFrom-CudaImage -Raw)
}

# One pixel of RGBA bytes as four integers, for Should -Be @(r, g, b, a).
function Get-Pixel {
    param([byte[]] $Pixels, [int] $Index)
    @($Pixels[$Index * 4], $Pixels[$Index * 4 + 1], $Pixels[$Index * 4 + 2], $Pixels[$Index * 4 + 3]) | ForEach-Object { [int]$_ }
}

# How two byte arrays differ: the largest absolute difference, how many bytes differ by more than -Tolerance, and the
# first of them (pixel and channel), so that a failing test says where.
function Compare-Bytes {
    param([byte[]] $Expected, [byte[]] $Actual, [int] $Tolerance = 0)
    if ($Expected.Length -ne $Actual.Length) {
        return [pscustomobject]@{ Max = 256; Count = -1; First = "lengths $($Expected.Length) and $($Actual.Length)" }
    }
    $max = 0; $count = 0; $first = $null
    for ($i = 0; $i -lt $Expected.Length; $i++) {
        $difference = [Math]::Abs([int]$Expected[$i] - [int]$Actual[$i])
        if ($difference -gt $max) { $max = $difference }
        if ($difference -gt $Tolerance) {
            $count++
            if ($null -eq $first) { $first = "pixel $([Math]::Floor($i / 4)) channel $('RGBA'[$i % 4]): expected $($Expected[$i]), got $($Actual[$i])" }
        }
    }
    [pscustomobject]@{ Max = $max; Count = $count; First = $first }
}

# The different pixels of RGBA bytes as 'r,g,b,a' strings, in order of first appearance: Should -Be '0,0,0,0' says
# every pixel is transparent black.
function Get-DistinctPixels {
    param([byte[]] $Pixels)
    $seen = [Collections.Generic.List[string]]::new()
    for ($i = 0; $i -lt $Pixels.Length; $i += 4) {
        $pixel = '{0},{1},{2},{3}' -f $Pixels[$i], $Pixels[$i + 1], $Pixels[$i + 2], $Pixels[$i + 3]
        if (-not $seen.Contains($pixel)) { $seen.Add($pixel) }
    }
    $seen.ToArray()
}

function Test-BytesEqual {
    param([byte[]] $Expected, [byte[]] $Actual)
    [Linq.Enumerable]::SequenceEqual($Expected, $Actual)
}

# Runs -Script and keeps what it wrote: Output, Errors (non-terminating), Warnings, and Terminating (the error that
# stopped it, or $null). FirstError is the first error either way, as a test of refused arguments wants it; AllErrors
# are both.
function Invoke-Captured {
    param([Parameter(Mandatory)] [scriptblock] $Script)
    $output = [Collections.Generic.List[object]]::new()
    $errors = [Collections.Generic.List[Management.Automation.ErrorRecord]]::new()
    $warnings = [Collections.Generic.List[string]]::new()
    $terminating = $null
    try {
        & $Script 2>&1 3>&1 | ForEach-Object {
            if ($_ -is [Management.Automation.ErrorRecord]) { $errors.Add($_) }
            elseif ($_ -is [Management.Automation.WarningRecord]) { $warnings.Add($_.Message) }
            else { $output.Add($_) }
        }
    }
    catch { $terminating = $_ }
    [pscustomobject]@{
        Output      = $output.ToArray()
        Errors      = $errors.ToArray()
        Warnings    = $warnings.ToArray()
        Terminating = $terminating
        FirstError  = if ($errors.Count) { $errors[0] } else { $terminating }
        AllErrors   = @($errors) + @($terminating | Where-Object { $_ })
    }
}

# The parameters a binding error names (a missing mandatory parameter, or the one whose argument failed validation or
# conversion); nothing when the error did not come from parameter binding.
function Get-RefusedParameter {
    param([Management.Automation.ErrorRecord] $ErrorRecord)
    if ($ErrorRecord.Exception -is [Management.Automation.ParameterBindingException]) {
        @($ErrorRecord.Exception.ParameterName -split ',' | ForEach-Object Trim | Where-Object { $_ })
    }
}

# Runs -Script in a new runspace of this process with the module imported, and returns what each stream received,
# progress included (which a script cannot redirect). The runspace has no user interface: what would prompt fails.
# -Variables are set in the runspace first.
function Invoke-InRunspace {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Variables = @{})
    $shell = [powershell]::Create()
    try {
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Get-PhotoFFManifest)).AddParameter('WarningAction', 'SilentlyContinue').Invoke()
        $shell.Commands.Clear()
        foreach ($name in $Variables.Keys) { $shell.Runspace.SessionStateProxy.SetVariable($name, $Variables[$name]) }
        $terminating = $null
        $output = try { $shell.AddScript($Script).Invoke() } catch { $terminating = $_.Exception.InnerException.ErrorRecord }
        $errors = @($shell.Streams.Error)
        [pscustomobject]@{
            Output      = @(foreach ($item in $output) { $item.psobject.BaseObject })
            Errors      = $errors
            Warnings    = @($shell.Streams.Warning | ForEach-Object Message)
            Progress    = @($shell.Streams.Progress)
            Terminating = $terminating
            FirstError  = if ($errors.Count) { $errors[0] } else { $terminating }
        }
    }
    finally { $shell.Dispose() }
}

# The pwsh running the tests, as a command line for a fresh process: the PowerShell tool runs as `dotnet pwsh.dll`.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, [IO.Path]::Combine($PSHOME, 'pwsh.dll'))
    }
    @($process)
}

# Runs -Command in a new pwsh (no profile, no colours) and returns its exit code, standard output and error as strings.
# -Environment sets (or, with $null, removes) variables of the new process. Standard input is -InputText, then closed;
# the process is -NonInteractive unless -Prompts, when it reads answers to prompts from standard input. It starts in
# -WorkingDirectory (this process's current folder by default).
function Invoke-Pwsh {
    param(
        [Parameter(Mandatory)] [string] $Command,
        [hashtable] $Environment = @{},
        [string] $InputText = '',
        [switch] $Prompts,
        [string] $WorkingDirectory = (Get-Location -PSProvider FileSystem).ProviderPath,
        [int] $TimeoutSeconds = 300
    )
    $pwsh = Get-PwshCommand
    $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile') + @(if (-not $Prompts) { '-NonInteractive' }) + @('-Command', $Command)
    foreach ($argument in $arguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $info.WorkingDirectory = $WorkingDirectory
    $info.Environment['NO_COLOR'] = '1'
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $info.Environment.Remove($name) }
        else { $info.Environment[$name] = [string]$Environment[$name] }
    }
    $process = [Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $process.StandardInput.Write($InputText)
    $process.StandardInput.Close()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "pwsh did not finish within $TimeoutSeconds s: $Command"
    }
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
}

# The lines a command wrote, without blank ones and trailing spaces.
function Get-Lines {
    param([string] $Text)
    @($Text -split "`r?`n" | ForEach-Object TrimEnd | Where-Object { $_ })
}

Export-ModuleMember -Function Get-PhotoFFManifest, Get-RepositoryPath, Import-PhotoFF, Get-TestImagePath, Get-SamplePath, Test-SkipCuda,
    Test-DejaVu, New-RandomPixels, New-RandomImage, New-CpuImage, Get-Pixels, Get-Pixel, Get-DistinctPixels, Compare-Bytes, Test-BytesEqual, Invoke-Captured,
    Get-RefusedParameter, Invoke-InRunspace, Get-PwshCommand, Invoke-Pwsh, Get-Lines
