<#
.SYNOPSIS
    The batch pipeline of issue 8, timed in real pwsh beside Pillow, OpenCV and torchvision doing the same work.
.DESCRIPTION
    Builds a batch of at least 200 photos by copying the 9-12 MP phone JPEGs of ../shared/testimages/photos under
    distinct names, then runs, after a warm-up pass:

        Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 |
            Resize-CudaImage -Width 1920 | Export-CudaImage $out -Format Jpeg -Quality 90

    In the same run it times subsets of the pipeline (reading the files, importing, importing with the GPU operations,
    writing the output files) to split PhotoFF's time into read, decode, GPU operations, encode and write; the same
    pipeline with nvJPEG turned off (libvips, in a fresh pwsh); and the peers of bench/peers/pipeline_peers.py. Prints
    images/s for each, the ratios to PhotoFF, the time split, peak device memory and nvJPEG's counters, and writes the
    same as a markdown table to -Report (default: $env:OUT/pipeline.md where a device run collects files, else
    bench/results/pipeline-<date>.md).

    On a machine with more than one CUDA device it also times, in the same session, the pipeline and its import and
    GPU-operation subsets with Import-CudaImage -Device All beside the same on one device, and prints images/s for each
    with the ratio, the images each device took and each device's nvJPEG counters (issue 12).
.PARAMETER Device
    Import-CudaImage's -Device for the main tables: an ordinal, or All to time everything spread over every device; the
    default backend (PHOTOFF_DEVICE's, or device 0) when omitted.
.EXAMPLE
    pwsh -NoProfile -File bench/pipeline.ps1 -Commit abc1234
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)] [int] $Count = 201,
    [ValidateRange(1, 100)] [int] $Repeat = 3,
    [string] $Work = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'photoff-pipeline-bench'),
    [string] $Report,
    [string] $Commit,
    [string] $Python = 'python3',
    [switch] $SkipPeers,
    $Device
)

$ErrorActionPreference = 'Stop'
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..'))
Import-Module ([IO.Path]::Combine($root, 'PhotoFF.psd1')) -WarningAction SilentlyContinue
Import-Module ([IO.Path]::Combine($PSScriptRoot, 'PipelineBench.psm1'))
if (-not $Commit) { $Commit = if (Get-Command git -ErrorAction Ignore) { (& git -C $root rev-parse --short HEAD 2>$null) ?? 'unknown' } else { 'unknown' } }
if (-not $Report) {
    $Report = if ($env:OUT) { [IO.Path]::Combine($env:OUT, 'pipeline.md') } else { [IO.Path]::Combine($root, 'bench', 'results', "pipeline-$(Get-Date -Format yyyy-MM-dd).md") }
}

# Reading and writing files on all cores through the thread pool's asynchronous I/O (no Add-Type: the pwsh carried to
# the GPU machine has no reference assemblies to compile with).
# Reads go into buffers allocated once (New-ReadBuffers), as PhotoFF reads into its pooled pinned memory: a new 3 MB
# array a file measured .NET's large-object allocation instead (2,000 files/s on 32 cores, where the page cache gives
# over 50,000: bench/results/2026-11-30-h200x2-host-feed.md).
function New-ReadBuffers([string[]] $Files) {
    , [byte[][]]@(foreach ($file in $Files) { , [byte[]]::new([IO.FileInfo]::new($file).Length) })
}

function Read-AllFiles([string[]] $Files, [byte[][]] $Buffers) {
    $handles = for ($i = 0; $i -lt $Files.Count; $i++) { [IO.File]::OpenHandle($Files[$i], [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]::Read, [IO.FileOptions]::Asynchronous) }
    try {
        $reads = [Threading.Tasks.Task[]]@(for ($i = 0; $i -lt $Files.Count; $i++) {
            [IO.RandomAccess]::ReadAsync($handles[$i], [Memory[byte]]::new($Buffers[$i]), 0, [Threading.CancellationToken]::None).AsTask()
        })
        [Threading.Tasks.Task]::WaitAll($reads)
    }
    finally { $handles | ForEach-Object Dispose }
}

# As Export-CudaImage writes (PhotoFF.Codecs.AtomicFile): a temporary file, written through to disk, renamed over the
# destination.
function Write-AllFiles([string] $Folder, [string[]] $Names, [byte[][]] $Contents) {
    $options = [IO.FileOptions]::Asynchronous -bor [IO.FileOptions]::WriteThrough
    $writes = for ($i = 0; $i -lt $Names.Count; $i++) {
        $path = [IO.Path]::Combine($Folder, $Names[$i])
        $temp = [IO.Path]::Combine($Folder, ".$($Names[$i]).$([guid]::NewGuid().ToString('N')).tmp")
        $stream = [IO.FileStream]::new($temp, [IO.FileMode]::CreateNew, [IO.FileAccess]::Write, [IO.FileShare]::None, 1, $options)
        [pscustomobject]@{ Stream = $stream; Task = $stream.WriteAsync($Contents[$i], 0, $Contents[$i].Length); Temp = $temp; Path = $path }
    }
    [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]@($writes.Task))
    foreach ($write in $writes) {
        $write.Stream.Flush($true)
        $write.Stream.Dispose()
        [IO.File]::Move($write.Temp, $write.Path, $true)
    }
}

# Median seconds of -Passes runs of $Block after one warm-up run; the block is given -On (a -Device value).
function Measure-Pass([scriptblock] $Block, $On = $Device, [int] $Passes = $Repeat) {
    & $Block $On | Out-Null
    $times = foreach ($i in 1..$Passes) {
        $timer = [Diagnostics.Stopwatch]::StartNew()
        & $Block $On | Out-Null
        $timer.Elapsed.TotalSeconds
    }
    ($times | Sort-Object)[[int][Math]::Floor(($times.Count - 1) / 2)]
}

$batchFolders = New-PhotoBatch -Root $root -Work $Work -Count $Count
$batch, $out, $sources = $batchFolders.Batch, $batchFolders.Out, $batchFolders.Sources
$files = Get-ChildItem $batch -Filter *.jpg
$megapixels = 0.0
foreach ($source in $sources) {
    $image = Import-CudaImage $source -Device $Device
    $megapixels += $image.Width * $image.Height / 1e6 / $sources.Count
    $image | Remove-CudaImage
}

$cudaDevices = @(@(Get-CudaDevice).Where({ $_.Backend -eq 'Cuda' }))
$oneDevice = "$Device" -match '^\d+$'
$deviceInfo = if ($oneDevice -and $cudaDevices.Count) { $cudaDevices.Where({ $_.Ordinal -eq [int]$Device })[0] } else { (Get-CudaDevice).Where({ $_.InUse })[0] }
$gpu = if (Get-Command nvidia-smi -ErrorAction Ignore) { (& nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | Select-Object -First 1) } else { $deviceInfo.Name }
"PhotoFF pipeline benchmark: $Count photos (~$([Math]::Round($megapixels, 1)) MP each), $Repeat timed passes after a warm-up, commit $Commit"
"Device: $($deviceInfo.Name) ($gpu), backend $($deviceInfo.Backend), -Device $(if ($null -eq $Device) { '(default)' } else { $Device }) of $([Math]::Max(1, $cudaDevices.Count)) devices, $([Environment]::ProcessorCount) cores; JPEG: $($deviceInfo.JpegCodec)"

# The pipeline, and the subsets that split its time.
# The pipeline, and the subsets that split its time, each on the devices -On names.
$pipeline = { param($On) Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device $On | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage $out -Format Jpeg -Quality 90 }
$importOnly = { param($On) Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device $On | Remove-CudaImage }
$withOperations = { param($On) Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device $On | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Remove-CudaImage }
$readBuffers = New-ReadBuffers $files.FullName
$readOnly = { Read-AllFiles $files.FullName $readBuffers }

& $pipeline $Device | Out-Null
$allocationsBefore = (Get-CudaBufferPool).Where({ $_.Pool -like '*pixels' })[0].Allocations
$before = Get-NvjpegCounters -Sum
$full = Measure-Pass $pipeline
$after = Get-NvjpegCounters -Sum
$allocationsDuring = (Get-CudaBufferPool).Where({ $_.Pool -like '*pixels' })[0].Allocations - $allocationsBefore
$written = Get-ChildItem $out -Filter *.jpg
$outputNames = [string[]]$written.Name
$outputBytes = [byte[][]]@($written | ForEach-Object { [IO.File]::ReadAllBytes($_.FullName) })
$writeFolder = Join-Path $Work 'rewrite'
[void](New-Item -ItemType Directory $writeFolder)
$read = Measure-Pass $readOnly
$import = Measure-Pass $importOnly
$operations = Measure-Pass $withOperations
$write = Measure-Pass { Write-AllFiles $writeFolder $outputNames $outputBytes }

# Export alone: the images imported and processed first (untimed), then only Export-CudaImage timed (download or GPU
# encode, and the atomic write), so that encoding is measured apart from decoding, which it overlaps in the pipeline.
$exportFolder = Join-Path $Work 'export'
$exportTimes = foreach ($i in 0..$Repeat) {
    $ready = [Collections.Generic.List[object]]::new()
    Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device $Device | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | ForEach-Object { $ready.Add($_) }
    $null = $ready | Measure-CudaImage | Select-Object -Last 1   # waits for the queued GPU work, outside the timing
    $timer = [Diagnostics.Stopwatch]::StartNew()
    $ready | Export-CudaImage $exportFolder -Format Jpeg -Quality 90 -Force
    if ($i -gt 0) { $timer.Elapsed.TotalSeconds }
}
$export = ($exportTimes | Sort-Object)[[int][Math]::Floor(($exportTimes.Count - 1) / 2)]
$pool = (Get-CudaBufferPool).Where({ $_.Pool -like '*pixels' })[0]
$deviceNow = (Get-CudaDevice).Where({ $_.Ordinal -eq $deviceInfo.Ordinal })[0]

# Several devices: the pipeline and its subsets on one device and spread over all of them (-Device All), in this
# session, each after a warm-up pass of its own.
$spread = $null
if ($cudaDevices.Count -gt 1) {
    $one = if ($oneDevice) { $Device } else { '0' }
    $oneRun = if (-not $oneDevice) {
        [pscustomobject]@{ Import = Measure-Pass $importOnly $one; Operations = Measure-Pass $withOperations $one; Pipeline = Measure-Pass $pipeline $one }
    }
    else { [pscustomobject]@{ Import = $import; Operations = $operations; Pipeline = $full } }
    # The same pipeline writing to memory (tmpfs) instead of the disk: what the writes' fsync costs each run. The
    # one-device run goes first, so that the counters read around the -Device All runs hold only theirs.
    $memoryOut = if ([IO.Directory]::Exists('/dev/shm')) { Join-Path '/dev/shm' "photoff-pipeline-$PID" }
    $toMemory = { param($On) Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device $On | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage $memoryOut -Format Jpeg -Quality 90 }
    try {
        if ($memoryOut) { $oneRun | Add-Member ToMemory (Measure-Pass $toMemory $one) }
        $countersBefore = Get-NvjpegCounters
        $allRun = [pscustomobject]@{
            Import = Measure-Pass $importOnly 'All'
            Operations = Measure-Pass $withOperations 'All'
            Pipeline = Measure-Pass $pipeline 'All'
        }
        if ($memoryOut) { $allRun | Add-Member ToMemory (Measure-Pass $toMemory 'All') }
        $countersAfter = Get-NvjpegCounters
    }
    finally { if ($memoryOut) { Remove-Item $memoryOut -Recurse -Force -ErrorAction Ignore } }
    $perDevice = Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device All | ForEach-Object { $_.DeviceOrdinal; $_.Dispose() } |
        Group-Object -NoElement | Sort-Object { [int]$_.Name }
    $spread = [pscustomobject]@{ One = $one; OneRun = $oneRun; AllRun = $allRun; PerDevice = $perDevice; Before = $countersBefore; After = $countersAfter }
}
$deviceUsed = if ($deviceNow.FreeMemoryBytes) { $deviceNow.TotalMemoryBytes - $deviceNow.FreeMemoryBytes } else { $null }

# The same pipeline on the libvips path (nvJPEG off), one timed pass in a fresh pwsh.
$pwsh = [Environment]::ProcessPath
[string[]] $pwshArguments = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { [IO.Path]::Combine($PSHOME, 'pwsh.dll') })
$libvipsScript = "Import-Module '$([IO.Path]::Combine($root, 'PhotoFF.psd1'))' -WarningAction SilentlyContinue; " +
    "`$run = { Get-ChildItem '$batch' -Filter *.jpg | Import-CudaImage $(if ($null -ne $Device) { "-Device $Device" }) | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage '$out' -Format Jpeg -Quality 90 }; " +
    "& `$run; `$t = [Diagnostics.Stopwatch]::StartNew(); & `$run; `$t.Elapsed.TotalSeconds"
$env:PHOTOFF_NVJPEG = 'off'
try { $libvips = [double](& $pwsh @pwshArguments -NoProfile -NonInteractive -Command $libvipsScript | Select-Object -Last 1) }
finally { Remove-Item Env:PHOTOFF_NVJPEG }

$rows = [Collections.Generic.List[object]]::new()
$rows.Add([pscustomobject]@{ Pipeline = 'PhotoFF (nvJPEG)'; ImagesPerSecond = $Count / $full; Detail = $deviceInfo.JpegCodec })
$rows.Add([pscustomobject]@{ Pipeline = 'PhotoFF (nvJPEG off: libvips)'; ImagesPerSecond = $Count / $libvips; Detail = 'PHOTOFF_NVJPEG=off, 1 timed pass' })
if (-not $SkipPeers) {
    foreach ($peer in Invoke-PipelinePeers -Python $Python -Root $root -Batch $batch -Out (Join-Path $Work 'peers') -Arguments '--repeat', '2') {
        $rows.Add($peer)
    }
}

$photoff = $rows[0].ImagesPerSecond
$fastestPeer = ($rows | Select-Object -Skip 2 | Where-Object { -not [double]::IsNaN($_.ImagesPerSecond) } | Measure-Object ImagesPerSecond -Maximum).Maximum
$stages = @(
    [pscustomobject]@{ Stage = 'read (files into memory, all cores)'; Seconds = $read }
    [pscustomobject]@{ Stage = 'decode (import minus read)'; Seconds = $import - $read }
    [pscustomobject]@{ Stage = 'GPU operations (blur, resize)'; Seconds = $operations - $import }
    [pscustomobject]@{ Stage = 'encode (export alone minus write)'; Seconds = $export - $write }
    [pscustomobject]@{ Stage = 'write (output files, atomic, all cores)'; Seconds = $write }
)

$md = [Text.StringBuilder]::new()
[void]$md.AppendLine("# Batch pipeline, $(Get-Date -Format yyyy-MM-dd), $gpu, commit $Commit")
[void]$md.AppendLine()
[void]$md.AppendLine("$Count phone photos (copies of HMD_Nokia_8.3_5G, iphone_hdr_YES and jolla, ~$([Math]::Round($megapixels, 1)) MP each) through")
[void]$md.AppendLine('`Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage $out -Format Jpeg -Quality 90`')
[void]$md.AppendLine("in pwsh $($PSVersionTable.PSVersion), median of $Repeat timed passes after a warm-up; $([Environment]::ProcessorCount) cores. JPEG: $($deviceInfo.JpegCodec).")
[void]$md.AppendLine()
foreach ($line in Format-PipelineTable $rows -NumberFormat '0.0') { [void]$md.AppendLine($line) }
[void]$md.AppendLine()
[void]$md.AppendLine(('Target: at least 700 images/s and 3x the fastest peer ({0:0.0} images/s, so {1:0.0}): {2}.' -f $fastestPeer, (3 * $fastestPeer),
    $(if ($photoff -ge 700 -and $photoff -ge 3 * $fastestPeer) { 'met' } else { 'not met' })))
[void]$md.AppendLine()
[void]$md.AppendLine("PhotoFF's time per pass, split by timing parts of the pipeline alone in the same session: reading; importing (minus")
[void]$md.AppendLine('reading); the GPU operations (import with operations minus import); exporting processed images (minus writing); writing.')
[void]$md.AppendLine('In the pipeline the stages overlap, so the whole takes less than their sum:')
[void]$md.AppendLine()
[void]$md.AppendLine('| stage | s per pass | ms per image | images/s if alone |')
[void]$md.AppendLine('| --- | ---: | ---: | ---: |')
foreach ($stage in $stages) {
    $alone = if ($stage.Seconds -gt 0) { '{0:0}' -f ($Count / $stage.Seconds) } else { '' }
    [void]$md.AppendLine(('| {0} | {1:0.000} | {2:0.00} | {3} |' -f $stage.Stage, $stage.Seconds, (1000 * $stage.Seconds / $Count), $alone))
}
[void]$md.AppendLine(('| whole pipeline | {0:0.000} | {1:0.00} | {2:0} |' -f $full, (1000 * $full / $Count), ($Count / $full)))
[void]$md.AppendLine()
[void]$md.AppendLine(('Run alone: import {0:0} images/s; import with the GPU operations {1:0} images/s; export of processed images {2:0} images/s; the whole pipeline {3:0} images/s.' -f
    ($Count / $import), ($Count / $operations), ($Count / $export), ($Count / $full)))
[void]$md.AppendLine(('Peak device memory: pixel pool {0:0} MB at its peak ({1} buffers, {2} allocations, {3} reuses); the process holds {4} MB of the device (pool, nvJPEG, context).' -f
    ($pool.PeakBytesHeld / 1MB), $pool.Buffers, $pool.Allocations, $pool.Hits, $(if ($deviceUsed) { '{0:0}' -f ($deviceUsed / 1MB) } else { '?' })))
[void]$md.AppendLine(('New pixel-pool allocations during the {0} pipeline passes after the first: {1} (0 is the steady state).' -f ($Repeat + 1), $allocationsDuring))
if ($before -and $after) {
    $batches = $after.Batches - $before.Batches
    $batched = $after.Batched - $before.Batched
    [void]$md.AppendLine(('nvJPEG over the {0} pipeline passes: {1} images by the hardware decoder in {2} batches (mean {3:0.0}), {4} by the CUDA decoder, {5} refused (libvips), {6} encoded.' -f
        ($Repeat + 1), ($after.Hardware - $before.Hardware), $batches, $(if ($batches) { $batched / $batches } else { 0 }),
        ($after.Cuda - $before.Cuda), ($after.Refused - $before.Refused), ($after.Encoded - $before.Encoded)))
}

if ($spread) {
    [void]$md.AppendLine()
    [void]$md.AppendLine("## One device and all $($cudaDevices.Count) devices (Import-CudaImage -Device $($spread.One) and -Device All)")
    [void]$md.AppendLine()
    [void]$md.AppendLine("The same batch, median of $Repeat timed passes after a warm-up, in this session: the import alone, the import with the GPU")
    [void]$md.AppendLine('operations (blur 5, resize 1920), and the whole pipeline with Export-CudaImage -Format Jpeg -Quality 90.')
    [void]$md.AppendLine()
    [void]$md.AppendLine("| run | device $($spread.One): images/s | all devices: images/s | all / one |")
    [void]$md.AppendLine('| --- | ---: | ---: | ---: |')
    $parts = @(@('import alone', 'Import'), @('import and GPU operations', 'Operations'), @('whole pipeline', 'Pipeline'))
    if ($spread.AllRun.ToMemory) { $parts += , @('whole pipeline, outputs written to memory (/dev/shm)', 'ToMemory') }
    foreach ($part in $parts) {
        $oneRate = $Count / $spread.OneRun.($part[1])
        $allRate = $Count / $spread.AllRun.($part[1])
        [void]$md.AppendLine(('| {0} | {1:0.0} | {2:0.0} | {3:0.00}x |' -f $part[0], $oneRate, $allRate, ($allRate / $oneRate)))
    }
    [void]$md.AppendLine()
    [void]$md.AppendLine(('Images each device took in one -Device All import of the {0}: {1}.' -f $Count,
        (($spread.PerDevice | ForEach-Object { 'device {0}: {1}' -f $_.Name, $_.Count }) -join ', ')))
    foreach ($ordinal in $cudaDevices.Ordinal) {
        $delta = Get-CounterDelta $spread.Before $spread.After $ordinal
        if ($delta) {
            [void]$md.AppendLine(('nvJPEG on device {0} over the -Device All runs ({1} passes each): {2} images by the hardware decoder in {3} batches (mean {4:0.0}), {5} by the CUDA decoder, {6} refused, {7} encoded.' -f
                $ordinal, ($Repeat + 1), $delta.Hardware, $delta.Batches, $(if ($delta.Batches) { $delta.Batched / $delta.Batches } else { 0 }), $delta.Cuda, $delta.Refused, $delta.Encoded))
        }
    }
    [void]$md.AppendLine()
    [void]$md.AppendLine(('Host bounds measured above on {0} cores: reading the files alone {1:0} images/s, writing the outputs alone (atomic, fsync) {2:0} images/s.' -f
        [Environment]::ProcessorCount, ($Count / $read), ($Count / $write)))
    $ratio = ($Count / $spread.AllRun.Pipeline) / ($Count / $spread.OneRun.Pipeline)
    [void]$md.AppendLine(('Target (issue 12): at least 1.8x wherever one device is bound by the GPU; the whole pipeline ran {0:0.00}x.' -f $ratio))
}

$text = $md.ToString()
$text
[void](New-Item -ItemType Directory -Force ([IO.Path]::GetDirectoryName([IO.Path]::GetFullPath($Report))))
Set-Content -LiteralPath $Report -Value $text
"Wrote $Report"
