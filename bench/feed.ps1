<#
.SYNOPSIS
    What feeds Import-CudaImage -Device All on the host, and how fast it can go (issue 12).
.DESCRIPTION
    Two H200s imported 1.68x what one did (bench/results/2026-11-30-h200x2-pipeline-multi-gpu.md), their JPEG decoders
    taking batches of 10-13 where one device alone takes 25: they wait for the host. This times the import of the same
    batch (Import-CudaImage | Remove-CudaImage) in the forms that split the host's part:

      - one device, and all devices, from Get-ChildItem as the pipeline benchmark does;
      - all devices with twice the workers (-ThrottleLimit), which helps if the workers reading and parsing files are
        the bound;
      - all devices from one array of paths (-LiteralPath), without a pipeline object and a parameter binding per file;
      - the pwsh pipeline thread alone: Get-ChildItem into a script block that does nothing;
      - one pwsh process per device, each importing half of the batch on its own device at the same moment: two
        pipeline threads and two worker pools, the host feed doubled.

    For each it prints images/s, how busy the pwsh pipeline thread was (its CPU time over the wall time, from
    /proc/thread-self/schedstat), the cores the process kept busy, and the mean batch of each device's hardware decoder.
.EXAMPLE
    pwsh -NoProfile -File bench/feed.ps1 -Commit abc1234
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)] [int] $Count = 201,
    [ValidateRange(1, 100)] [int] $Repeat = 5,
    [string] $Work = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'photoff-feed-bench'),
    [string] $Report,
    [string] $Commit = 'unknown',
    # Internal: run as one of the per-device processes (see Start-DeviceProcess).
    [int] $ChildDevice = -1,
    [string] $ChildFiles,
    [string] $ChildGo
)

$ErrorActionPreference = 'Stop'
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..'))
Import-Module ([IO.Path]::Combine($root, 'PhotoFF.psd1')) -WarningAction SilentlyContinue

# CPU seconds of the thread running this script (the pwsh pipeline thread): the scheduler's time on a CPU, in ns.
function Get-ThreadCpuSeconds {
    [long](([IO.File]::ReadAllText('/proc/thread-self/schedstat') -split ' ')[0]) / 1e9
}

# The mean batch of each device's hardware decoder between two readings of Get-NvjpegCounters, as "d0 25.1, d1 12.0".
function Format-BatchMeans($Before, $After) {
    (@(foreach ($device in $After) {
        $delta = Get-CounterDelta $Before $After $device.Device
        if ($delta.Batches -gt 0) { 'd{0} {1:0.0}' -f $device.Device, ($delta.Hardware / $delta.Batches) }
    }) -join ', ')
}

# $Repeat passes of $Block after a warm-up: images/s over all of them, the pipeline thread's busy share, the cores busy.
function Measure-Feed([string] $Name, [scriptblock] $Block, [int] $Images = $Count) {
    & $Block | Out-Null
    $countersBefore = Get-NvjpegCounters
    $threadBefore = Get-ThreadCpuSeconds
    $run = Measure-Run { foreach ($i in 1..$Repeat) { & $Block | Out-Null } }
    $thread = (Get-ThreadCpuSeconds) - $threadBefore
    [pscustomobject]@{
        Run = $Name
        ImagesPerSecond = $Images * $Repeat / $run.Seconds
        PipelineThread = $thread / $run.Seconds
        Cores = $run.CpuSeconds / $run.Seconds
        Batches = Format-BatchMeans $countersBefore (Get-NvjpegCounters)
    }
}

if ($ChildDevice -ge 0) {
    # One of the per-device processes: warm up, wait for the go file, import its files $Repeat times, print the seconds.
    $paths = [string[]](Get-Content $ChildFiles)
    Import-CudaImage -LiteralPath $paths -Device $ChildDevice | Remove-CudaImage
    while (-not [IO.File]::Exists($ChildGo)) { Start-Sleep -Milliseconds 5 }
    $timer = [Diagnostics.Stopwatch]::StartNew()
    foreach ($i in 1..$Repeat) { Import-CudaImage -LiteralPath $paths -Device $ChildDevice | Remove-CudaImage }
    $timer.Elapsed.TotalSeconds
    return
}

Import-Module ([IO.Path]::Combine($PSScriptRoot, 'PipelineBench.psm1'))
$batch = (New-PhotoBatch $root $Work $Count).Batch
$paths = [string[]](Get-ChildItem $batch -Filter *.jpg).FullName
$devices = @(@(Get-CudaDevice).Where({ $_.Backend -eq 'Cuda' }))
"Host feed of Import-CudaImage: $Count photos, $Repeat passes after a warm-up, $($devices.Count) CUDA devices, $([Environment]::ProcessorCount) cores, commit $Commit"

$rows = [Collections.Generic.List[object]]::new()
$rows.Add((Measure-Feed 'Get-ChildItem | ForEach-Object {} (the pipeline thread, no import)' { Get-ChildItem $batch -Filter *.jpg | ForEach-Object { } }))
$first = if ($devices.Count) { @{ Device = 0 } } else { @{} }   # the CPU backend where there is no GPU (to try the script)
$rows.Add((Measure-Feed 'Get-ChildItem | Import-CudaImage -Device 0 | Remove-CudaImage' { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage @first | Remove-CudaImage }))
if ($devices.Count -gt 1) {
    $throttle = 2 * [Environment]::ProcessorCount
    $rows.Add((Measure-Feed 'Get-ChildItem | Import-CudaImage -Device All | Remove-CudaImage' { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device All | Remove-CudaImage }))
    $rows.Add((Measure-Feed "... -Device All -ThrottleLimit $throttle" { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device All -ThrottleLimit $throttle | Remove-CudaImage }))
    $rows.Add((Measure-Feed 'Import-CudaImage -LiteralPath $paths -Device All | Remove-CudaImage' { Import-CudaImage -LiteralPath $paths -Device All | Remove-CudaImage }))

    # One process per device, each given its share of the files, started together.
    $go = Join-Path $Work 'go'
    $children = for ($d = 0; $d -lt $devices.Count; $d++) {
        $list = Join-Path $Work "files-$d.txt"
        $mine = for ($i = $d; $i -lt $paths.Count; $i += $devices.Count) { $paths[$i] }
        Set-Content $list $mine
        $stdout = Join-Path $Work "child-$d.txt"
        [pscustomobject]@{
            Images = $mine.Count
            Stdout = $stdout
            Process = Start-Process pwsh -PassThru -NoNewWindow -RedirectStandardOutput $stdout -ArgumentList @(
                '-NoProfile', '-File', $PSCommandPath, '-Repeat', $Repeat, '-ChildDevice', $d, '-ChildFiles', $list, '-ChildGo', $go)
        }
    }
    Start-Sleep -Seconds 20   # module load, CUDA start and the warm-up pass of each
    Set-Content $go 'go'
    $children.Process | Wait-Process -Timeout 120
    $seconds = foreach ($child in $children) { [double]((Get-Content $child.Stdout | Select-Object -Last 1)) }
    $slowest = ($seconds | Measure-Object -Maximum).Maximum
    $rows.Add([pscustomobject]@{
        Run = "one pwsh process per device, $($devices.Count) at once (-LiteralPath, each its half)"
        ImagesPerSecond = $paths.Count * $Repeat / $slowest
        PipelineThread = [double]::NaN
        Cores = [double]::NaN
        Batches = ($seconds | ForEach-Object { '{0:0.00} s' -f $_ }) -join ', '
    })
}

$table = @(
    '| run | images/s | pipeline thread busy | cores busy | mean hardware batch (or each process''s time) |'
    '| --- | ---: | ---: | ---: | --- |'
    foreach ($row in $rows) {
        '| {0} | {1:0.0} | {2} | {3} | {4} |' -f ($row.Run -replace '\|', '\|'), $row.ImagesPerSecond,
            ([double]::IsNaN($row.PipelineThread) ? '' : ('{0:P0}' -f $row.PipelineThread)),
            ([double]::IsNaN($row.Cores) ? '' : ('{0:0.0}' -f $row.Cores)), $row.Batches
    }
)
$table
if (-not $Report) { $Report = if ($env:OUT) { Join-Path $env:OUT 'feed.md' } else { Join-Path $root "bench/results/feed-$(Get-Date -Format yyyy-MM-dd).md" } }
Set-Content $Report (@("# Host feed of Import-CudaImage, $(Get-Date -Format yyyy-MM-dd), commit $Commit", '',
    "$Count photos, $Repeat passes after a warm-up, $($devices.Count) CUDA devices, $([Environment]::ProcessorCount) cores.", '') + $table)
