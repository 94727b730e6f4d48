<#
.SYNOPSIS
    The batch pipeline on PhotoFF's CPU backend, timed in real pwsh beside Pillow and OpenCV doing the same work.
.DESCRIPTION
    Builds a batch of phone photos by copying the 8-9 MP JPEGs of ../shared/testimages/photos (HMD_Nokia_8.3_5G.jpg,
    iphone_hdr_YES.jpg, jolla.jpg) under distinct names, then, with PHOTOFF_BACKEND=Cpu, after a warm-up pass, runs

        Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 |
            Resize-CudaImage -Width 1920 | Export-CudaImage $out -Format Jpeg -Quality 90

    In the same run it times the peers of bench/peers/pipeline_peers.py (Pillow and OpenCV, a process per core) doing
    the same work, and parts of PhotoFF's pipeline (import alone; import, blur and resize; export alone) to split its
    time (and blur and resize alone, of images decoded beforehand, to show how well the operations use the cores by
    themselves). With -Rounds N it then alternates N single PhotoFF and OpenCV passes, each round's ratio moved less by
    the drift of a VM's speed over minutes. Prints images/s for each, PhotoFF's ratio to each peer (and the rounds'
    ratios with their median) and the CPU time PhotoFF's process spent per image, and writes the same as a markdown
    table to -Report (default: $env:OUT/cpu-pipeline.md where a device run collects files, else
    bench/results/cpu-pipeline-<date>.md). Runs on any machine with the module built (./build.ps1 Build), Python 3 with
    Pillow and OpenCV (-Python names the interpreter; by default the first of python3 and /usr/bin/python3 that imports
    both), and ../shared/testimages (or $env:PHOTOFF_TESTIMAGES).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/cpu-pipeline.ps1 -Count 32
.EXAMPLE
    pwsh -NoProfile -File bench/cpu-pipeline.ps1 -Count 200 -Commit abc1234
    On the GPU machine (16 cores): the batch of 200 photos the issue measures.
#>
[CmdletBinding()]
param(
    [ValidateRange(3, 100000)] [int] $Count = [Math]::Max(32, 4 * [Environment]::ProcessorCount),
    [ValidateRange(1, 100)] [int] $Repeat = 3,
    [ValidateRange(1, 100)] [int] $PeerRepeat = 1,
    [string] $Work = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'photoff-cpu-pipeline-bench'),
    [string] $Report,
    [string] $Commit,
    [string] $Python,
    [switch] $SkipPeers,
    [ValidateRange(0, 100)] [int] $Rounds = 0
)

$ErrorActionPreference = 'Stop'
$env:PHOTOFF_BACKEND = 'Cpu'
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..'))
Import-Module ([IO.Path]::Combine($root, 'PhotoFF.psd1')) -WarningAction SilentlyContinue
Import-Module ([IO.Path]::Combine($PSScriptRoot, 'PipelineBench.psm1'))
if (-not $Commit) { $Commit = if (Get-Command git -ErrorAction Ignore) { (& git -C $root rev-parse --short HEAD 2>$null) ?? 'unknown' } else { 'unknown' } }
if (-not $Report) {
    $Report = if ($env:OUT) { [IO.Path]::Combine($env:OUT, 'cpu-pipeline.md') } else { [IO.Path]::Combine($root, 'bench', 'results', "cpu-pipeline-$(Get-Date -Format yyyy-MM-dd).md") }
}

# The first interpreter that has both peers' packages: Debian's python3-pil and python3-opencv live in /usr/bin/python3,
# which another python3 on the PATH (pyenv, a virtual environment) may hide.
function Find-Python {
    foreach ($candidate in 'python3', '/usr/bin/python3', 'python') {
        if (-not (Get-Command $candidate -ErrorAction Ignore)) { continue }
        & $candidate -c 'import cv2, PIL' 2>$null
        if ($LASTEXITCODE -eq 0) { return $candidate }
    }
    $null
}

# The median of timed runs, by wall time.
function Select-Median([object[]] $Runs) {
    ($Runs | Sort-Object Seconds)[[int][Math]::Floor(($Runs.Count - 1) / 2)]
}

# The median run of -Repeat runs after one warm-up run.
function Measure-Pass([scriptblock] $Block) {
    [void](Measure-Run $Block)
    Select-Median @(foreach ($i in 1..$Repeat) { Measure-Run $Block })
}

$batchFolders = New-PhotoBatch -Root $root -Work $Work -Count $Count
$batch, $out, $sources = $batchFolders.Batch, $batchFolders.Out, $batchFolders.Sources
$megapixels = 0.0
foreach ($source in $sources) {
    $image = Import-CudaImage $source
    $megapixels += $image.Width * $image.Height / 1e6 / $sources.Count
    $image | Remove-CudaImage
}

$device = (Get-CudaDevice).Where({ $_.InUse })[0]
$cores = [Environment]::ProcessorCount
$cpuName = if ([IO.File]::Exists('/proc/cpuinfo')) { ((Get-Content /proc/cpuinfo | Select-String '^model name' | Select-Object -First 1) -split ':\s*', 2)[1] } else { $env:PROCESSOR_IDENTIFIER }
# Whether the CPU backend takes its vectorized paths here (internal, read by reflection; builds before them have none).
$vectorMath = [PhotoFF.Imaging.CudaImage].Assembly.GetType('PhotoFF.Backends.Cpu.VectorMath')
$vector = if ($vectorMath) { $vectorMath.GetProperty('IsSupported', [Reflection.BindingFlags]'Static, Public, NonPublic').GetValue($null) } else { 'none in this build' }
$lanes = [Numerics.Vector[float]]::Count
"PhotoFF CPU pipeline benchmark: $Count photos (~$([Math]::Round($megapixels, 1)) MP each), $Repeat timed passes after a warm-up, commit $Commit"
"Machine: $cpuName, $cores cores; backend $($device.Backend) ($($device.Name)), vectorized: $vector ($lanes float lanes)"

$pipeline = { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage $out -Format Jpeg -Quality 90 }
$importOnly = { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Remove-CudaImage }
$withOperations = { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Remove-CudaImage }

$full = Measure-Pass $pipeline
$import = Measure-Pass $importOnly
$operations = Measure-Pass $withOperations
# Export alone: images made by the rest of the pipeline first (untimed), then written. Subtracting the operations from
# the whole pipeline does not isolate it, because encoding overlaps decoding.
$exports = foreach ($i in 0..$Repeat) {
    $processed = @(Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920)
    Measure-Run { $processed | Export-CudaImage $out -Format Jpeg -Quality 90 }
}
$export = Select-Median @($exports | Select-Object -Skip 1)

# Blur and resize alone, of images decoded beforehand (in batches that fit in memory): how well the operations use the
# cores by themselves, without decodes and encodes beside them.
$files = @(Get-ChildItem $batch -Filter *.jpg)
$operationsAlone = foreach ($i in 0..$Repeat) {
    $seconds = 0.0; $cpuSeconds = 0.0
    for ($start = 0; $start -lt $files.Count; $start += 48) {
        $decoded = @($files[$start..([Math]::Min($start + 48, $files.Count) - 1)] | Import-CudaImage)
        $run = Measure-Run { $decoded | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Remove-CudaImage }
        $decoded | Remove-CudaImage
        $seconds += $run.Seconds; $cpuSeconds += $run.CpuSeconds
    }
    [pscustomobject]@{ Seconds = $seconds; CpuSeconds = $cpuSeconds }
}
$operationsOnly = Select-Median @($operationsAlone | Select-Object -Skip 1)

$rows = [Collections.Generic.List[object]]::new()
$rows.Add([pscustomobject]@{ Pipeline = 'PhotoFF, CPU backend (pwsh)'; ImagesPerSecond = $Count / $full.Seconds; Detail = "one pwsh process, $cores cores ($([Math]::Round($full.CpuSeconds / $full.Seconds, 1)) busy); $([Math]::Round(1000 * $full.CpuSeconds / $Count)) ms of CPU per image" })
if (-not $SkipPeers) {
    if (-not $Python) { $Python = Find-Python }
    if (-not $Python) {
        $rows.Add([pscustomobject]@{ Pipeline = 'Pillow, OpenCV'; ImagesPerSecond = [double]::NaN; Detail = 'not run: no python3 here imports both cv2 and PIL' })
    }
    else {
        foreach ($peer in Invoke-PipelinePeers -Python $Python -Root $root -Batch $batch -Out (Join-Path $Work 'peers') -Arguments '--repeat', $PeerRepeat, '--only', 'opencv,pillow') {
            $rows.Add($peer)
        }
    }
}

# Rounds of one PhotoFF pass and then one OpenCV pass, each round's ratio of the two: the VM's speed drifts over the
# minutes between the measurements above, and a round's two passes are seconds apart.
$roundRatios = @()
if ($Rounds -gt 0 -and -not $SkipPeers -and $Python) {
    $roundRatios = @(foreach ($round in 1..$Rounds) {
        $pass = Measure-Run $pipeline
        $peer = Invoke-PipelinePeers -Python $Python -Root $root -Batch $batch -Out (Join-Path $Work 'peers') -Arguments '--repeat', 1, '--only', 'opencv'
        [pscustomobject]@{ PhotoFF = $Count / $pass.Seconds; OpenCV = $peer.ImagesPerSecond; Ratio = $Count / $pass.Seconds / $peer.ImagesPerSecond }
        'round {0}: PhotoFF {1:0.00} images/s, OpenCV {2:0.00}, ratio {3:0.00}x' -f $round, ($Count / $pass.Seconds), $peer.ImagesPerSecond, ($Count / $pass.Seconds / $peer.ImagesPerSecond) | Write-Host
    })
}

$photoff = $rows[0].ImagesPerSecond
$opencv = ($rows | Where-Object Pipeline -eq 'OpenCV' | Select-Object -First 1).ImagesPerSecond
$stages = @(
    [pscustomobject]@{ Stage = 'import (read and decode, on workers)'; Seconds = $import.Seconds; CpuSeconds = $import.CpuSeconds }
    [pscustomobject]@{ Stage = 'blur and resize (what they add to the import; in the background, parallel over tiles)'; Seconds = $operations.Seconds - $import.Seconds; CpuSeconds = $operations.CpuSeconds - $import.CpuSeconds }
    [pscustomobject]@{ Stage = 'export alone (encode and write 1920-wide images, on workers)'; Seconds = $export.Seconds; CpuSeconds = $export.CpuSeconds }
    [pscustomobject]@{ Stage = 'blur and resize alone (of images decoded beforehand)'; Seconds = $operationsOnly.Seconds; CpuSeconds = $operationsOnly.CpuSeconds }
)

$md = [Text.StringBuilder]::new()
[void]$md.AppendLine("# CPU batch pipeline, $(Get-Date -Format yyyy-MM-dd), $cpuName ($cores cores), commit $Commit")
[void]$md.AppendLine()
[void]$md.AppendLine("$Count phone photos (copies of HMD_Nokia_8.3_5G, iphone_hdr_YES and jolla, ~$([Math]::Round($megapixels, 1)) MP each) through")
[void]$md.AppendLine('`Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage $out -Format Jpeg -Quality 90`')
[void]$md.AppendLine("in pwsh $($PSVersionTable.PSVersion) with PHOTOFF_BACKEND=Cpu (vectorized: $vector, $lanes float lanes), median of $Repeat timed passes after a warm-up; the peers")
[void]$md.AppendLine("(bench/peers/pipeline_peers.py) do the same work in a process per core in the same run, $PeerRepeat timed pass$(if ($PeerRepeat -ne 1) { 'es' }) after a warm-up.")
[void]$md.AppendLine()
foreach ($line in Format-PipelineTable $rows -NumberFormat '0.00') { [void]$md.AppendLine($line) }
[void]$md.AppendLine()
if ($opencv) {
    [void]$md.AppendLine(('Target: at least as fast as OpenCV''s process pool ({0:0.00} images/s): {1}.' -f $opencv, $(if ($photoff -ge $opencv) { 'met' } else { 'not met' })))
    [void]$md.AppendLine()
}
if ($roundRatios.Count -gt 0) {
    $sorted = @($roundRatios | Sort-Object Ratio)
    [void]$md.AppendLine("Alternating rounds (one PhotoFF pass, then one OpenCV pass, seconds apart), PhotoFF / OpenCV per round:")
    [void]$md.AppendLine()
    [void]$md.AppendLine('| round | PhotoFF images/s | OpenCV images/s | PhotoFF / OpenCV |')
    [void]$md.AppendLine('| ---: | ---: | ---: | ---: |')
    $number = 0
    foreach ($round in $roundRatios) {
        $number++
        [void]$md.AppendLine(('| {0} | {1:0.00} | {2:0.00} | {3:0.00}x |' -f $number, $round.PhotoFF, $round.OpenCV, $round.Ratio))
    }
    [void]$md.AppendLine()
    [void]$md.AppendLine(('Median ratio {0:0.00}x, lowest {1:0.00}x, highest {2:0.00}x over {3} rounds.' -f $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)].Ratio, $sorted[0].Ratio, $sorted[-1].Ratio, $sorted.Count))
    [void]$md.AppendLine()
}
[void]$md.AppendLine("PhotoFF's time per pass, split by timing parts of the pipeline in the same session (import alone; what blur and resize")
[void]$md.AppendLine("add to it; export alone, of images processed beforehand), and the CPU time the pwsh process spent on each:")
[void]$md.AppendLine()
[void]$md.AppendLine('| stage | s per pass | CPU ms per image | cores busy |')
[void]$md.AppendLine('| --- | ---: | ---: | ---: |')
foreach ($stage in $stages) {
    [void]$md.AppendLine(('| {0} | {1:0.000} | {2:0} | {3:0.0} |' -f $stage.Stage, $stage.Seconds, (1000 * $stage.CpuSeconds / $Count), ($stage.CpuSeconds / $stage.Seconds)))
}
[void]$md.AppendLine(('| whole pipeline | {0:0.000} | {1:0} | {2:0.0} |' -f $full.Seconds, (1000 * $full.CpuSeconds / $Count), ($full.CpuSeconds / $full.Seconds)))

$text = $md.ToString()
$text
[void](New-Item -ItemType Directory -Force ([IO.Path]::GetDirectoryName([IO.Path]::GetFullPath($Report))))
Set-Content -LiteralPath $Report -Value $text
"Wrote $Report"
