<#
.SYNOPSIS
    Measures HEIC decoding in images per second: the GPU (NVDEC) path beside the CPU (libheif) path.
.DESCRIPTION
    Decodes -Count copies of each HEIC file through Import-CudaImage (the files are read from a temporary folder that
    holds the copies, so the operating system's cache serves them), with one untimed pass first (it builds the ICC
    table of a profile once per process), on each backend asked for: Cuda (NVDEC on device 0) and Cpu (libheif, with
    PHOTOFF_BACKEND=Cpu in a separate pwsh). Each image is waited for and disposed, so the time is the decode and
    nothing queued behind it. Prints one line per backend and, with -Output, appends a markdown record.
.EXAMPLE
    dotnet pwsh bench/heic/Measure-HeicDecode.ps1 -Count 64 -Output bench/results/heic-decode.md
#>
[CmdletBinding()]
param(
    [string[]] $Path = @([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'testimages', 'photos', 'IMG_5195.HEIC')),
    [int] $Count = 32,
    [ValidateSet('Cuda', 'Cpu')] [string[]] $Backend = @('Cuda', 'Cpu'),
    [int] $ThrottleLimit = [Environment]::ProcessorCount,
    [string] $Output,
    [string] $Commit
)

$ErrorActionPreference = 'Stop'
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..'))
$folder = Join-Path ([IO.Path]::GetTempPath()) "photoff-heic-bench-$PID"
$null = New-Item -ItemType Directory -Path $folder -Force
try {
    $files = foreach ($source in $Path) {
        $name = [IO.Path]::GetFileNameWithoutExtension($source)
        foreach ($i in 1..$Count) {
            $copy = Join-Path $folder ('{0}-{1:d4}.heic' -f $name, $i)
            Copy-Item -LiteralPath $source -Destination $copy
            $copy
        }
    }

    $measure = {
        param($Manifest, $Files, $Throttle)
        Import-Module $Manifest -WarningAction SilentlyContinue
        $decode = { $Files | Import-CudaImage -ThrottleLimit $Throttle | ForEach-Object { $_.Synchronize(); $_.Dispose() } }
        & $decode | Out-Null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        & $decode | Out-Null
        $clock.Stop()
        $device = (Get-CudaDevice | Where-Object Backend -eq ($env:PHOTOFF_BACKEND ?? 'Cuda') | Select-Object -First 1).Name
        [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Device = $device }
    }

    $lines = foreach ($kind in $Backend) {
        $manifest = Join-Path $root 'PhotoFF.psd1'
        $pwsh = [Environment]::ProcessPath
        [string[]] $arguments = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { @([IO.Path]::Combine($PSHOME, 'pwsh.dll')) } else { @() }
        $env:PHOTOFF_BACKEND = $kind
        try {
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes(
                "& { $measure } '$manifest' @('$($files -join "','")') $ThrottleLimit | ConvertTo-Json -Compress"))
            $json = & $pwsh @arguments -NoProfile -NonInteractive -EncodedCommand $encoded
            if ($LASTEXITCODE -ne 0) { throw "the $kind run failed: $json" }
            $result = $json | ConvertFrom-Json
        }
        finally {
            Remove-Item Env:PHOTOFF_BACKEND
        }

        $rate = $files.Count / $result.Seconds
        '{0,-4} {1}: {2} images in {3:0.00} s: {4:0.0} images/s ({5} decoding threads)' -f $kind, $result.Device, $files.Count, $result.Seconds, $rate, $ThrottleLimit
    }

    $lines
    if ($Output) {
        $commit = if ($Commit) { $Commit } else { (& git -C $root rev-parse --short HEAD) }
        $machine = if (Get-Command nvidia-smi -ErrorAction Ignore) { (& nvidia-smi --query-gpu=name --format=csv,noheader | Select-Object -First 1) } else { [Environment]::MachineName }
        $record = @("", "## HEIC decode, $(Get-Date -Format yyyy-MM-dd), $machine, commit $commit", "",
            "Files: $(($Path | ForEach-Object { [IO.Path]::GetFileName($_) }) -join ', '), $Count copies each; one untimed pass first.", "",
            '```') + $lines + '```'
        Add-Content -LiteralPath $Output -Value $record
    }
}
finally {
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
}
