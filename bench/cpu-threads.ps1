<#
.SYNOPSIS
    Where the CPU backend's pipeline spends its CPU, by thread (issue 11): which threads work, how many cores stay busy.
.DESCRIPTION
    Runs the CPU pipeline of bench/cpu-pipeline.ps1 (Get-ChildItem | Import-CudaImage | Invoke-GaussianBlur 5 |
    Resize-CudaImage -Width 1920 | Export-CudaImage -Format Jpeg -Quality 90, PHOTOFF_BACKEND=Cpu) -Repeat times after a
    warm-up and prints images/s, the cores the process kept busy, and the CPU seconds of the passes by thread name
    (/proc/self/task: the pwsh pipeline thread, .NET's thread-pool workers, libvips' workers, the GC...), so that a
    pipeline that leaves cores idle shows which threads wait. Linux only. -Out names the output folder (on /dev/shm to
    leave the disk out).
.EXAMPLE
    taskset -c 0-15 pwsh -NoProfile -File bench/cpu-threads.ps1 -Count 200
#>
[CmdletBinding()]
param(
    [ValidateRange(3, 100000)] [int] $Count = [Math]::Max(32, 4 * [Environment]::ProcessorCount),
    [ValidateRange(1, 100)] [int] $Repeat = 2,
    [string] $Work = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'photoff-cpu-threads-bench'),
    [string] $Out
)

$ErrorActionPreference = 'Stop'
$env:PHOTOFF_BACKEND = 'Cpu'
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..'))
Import-Module ([IO.Path]::Combine($root, 'PhotoFF.psd1')) -WarningAction SilentlyContinue
Import-Module ([IO.Path]::Combine($PSScriptRoot, 'PipelineBench.psm1'))

# CPU seconds of each thread of this process by its name (utime + stime, clock ticks of 10 ms); threads that ended are
# not counted, which the totals' comparison with the process's CPU time shows.
function Get-ThreadTimes {
    $times = @{}
    foreach ($task in [IO.Directory]::GetDirectories('/proc/self/task')) {
        try { $stat = [IO.File]::ReadAllText("$task/stat") } catch { continue }
        $open = $stat.IndexOf('(')
        $close = $stat.LastIndexOf(')')
        $name = $stat.Substring($open + 1, $close - $open - 1)
        $fields = $stat.Substring($close + 2) -split ' '
        $times[$name] = ($times[$name] ?? 0) + ([long]$fields[11] + [long]$fields[12]) / 100.0
    }
    $times
}

$batch = (New-PhotoBatch -Root $root -Work $Work -Count $Count).Batch
if (-not $Out) { $Out = Join-Path $Work 'out' }
[void](New-Item -ItemType Directory $Out -Force)
$pipeline = { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage $Out -Format Jpeg -Quality 90 -Force }

& $pipeline | Out-Null
$threadsBefore = Get-ThreadTimes
$run = Measure-Run { foreach ($i in 1..$Repeat) { & $pipeline | Out-Null } }
$threadsAfter = Get-ThreadTimes
$seconds, $cpu = $run.Seconds, $run.CpuSeconds

"CPU pipeline: $Count photos x $Repeat passes, $([Environment]::ProcessorCount) cores, out to $Out"
'{0:0.0} images/s, {1:0} CPU ms per image, {2:0.0} cores busy' -f ($Count * $Repeat / $seconds), (1000 * $cpu / ($Count * $Repeat)), ($cpu / $seconds)
'| threads | CPU s | cores busy |'
'| --- | ---: | ---: |'
$threadsAfter.Keys | ForEach-Object {
    [pscustomobject]@{ Name = $_; Seconds = $threadsAfter[$_] - ($threadsBefore[$_] ?? 0) }
} | Where-Object Seconds -gt 0.05 | Sort-Object Seconds -Descending | ForEach-Object {
    '| {0} | {1:0.0} | {2:0.0} |' -f $_.Name, $_.Seconds, ($_.Seconds / $seconds)
}
