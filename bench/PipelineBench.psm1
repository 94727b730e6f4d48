# What bench/pipeline.ps1 (the GPU pipeline), bench/cpu-pipeline.ps1 (the CPU backend's) and the scripts that split their
# time (bench/feed.ps1, bench/cpu-threads.ps1) share: finding the test photos, building the batch, running the peers of
# bench/peers/pipeline_peers.py and the table that compares them, timing a run with its CPU time, and nvJPEG's counters.

# ../shared/testimages beside the repository (or $env:PHOTOFF_TESTIMAGES).
function Find-TestImages([Parameter(Mandatory)] [string] $Root) {
    if ($env:PHOTOFF_TESTIMAGES) { return $env:PHOTOFF_TESTIMAGES }
    for ($dir = [IO.DirectoryInfo]::new($Root); $dir; $dir = $dir.Parent) {
        $candidate = [IO.Path]::Combine($dir.FullName, 'shared', 'testimages')
        if ([IO.Directory]::Exists($candidate)) { return $candidate }
    }
    throw 'shared/testimages was not found beside the repository; set PHOTOFF_TESTIMAGES.'
}

# The batch: $Count copies of the 9-12 MP phone photos under distinct names, in $Work/batch, with an empty $Work/out;
# $Work is emptied first. Returns the two folders and the source photos.
function New-PhotoBatch([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $Work, [Parameter(Mandatory)] [int] $Count) {
    $photos = Join-Path (Find-TestImages $Root) 'photos'
    $sources = 'HMD_Nokia_8.3_5G.jpg', 'iphone_hdr_YES.jpg', 'jolla.jpg' | ForEach-Object { Join-Path $photos $_ }
    $batch = Join-Path $Work 'batch'
    $out = Join-Path $Work 'out'
    Remove-Item $Work -Recurse -Force -ErrorAction Ignore
    [void](New-Item -ItemType Directory $batch, $out)
    for ($i = 0; $i -lt $Count; $i++) {
        Copy-Item $sources[$i % $sources.Count] (Join-Path $batch ('photo_{0:D4}.jpg' -f $i))
    }
    [pscustomobject]@{ Batch = $batch; Out = $out; Sources = $sources }
}

# One row per peer of bench/peers/pipeline_peers.py run over $Batch with $Arguments (its --json lines): the peer, its
# images/s, and its detail, or NaN and why when it failed.
function Invoke-PipelinePeers {
    param([Parameter(Mandatory)] [string] $Python, [Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $Batch,
        [Parameter(Mandatory)] [string] $Out, [string[]] $Arguments = @())
    $lines = & $Python ([IO.Path]::Combine($Root, 'bench', 'peers', 'pipeline_peers.py')) $Batch $Out @Arguments --json
    foreach ($line in $lines) {
        $peer = $line | ConvertFrom-Json
        if ($peer.error) { [pscustomobject]@{ Pipeline = $peer.peer; ImagesPerSecond = [double]::NaN; Detail = "failed: $($peer.error)" } }
        else { [pscustomobject]@{ Pipeline = $peer.peer; ImagesPerSecond = $peer.images_per_second; Detail = $peer.detail } }
    }
}

# The markdown table of $Rows (Pipeline, ImagesPerSecond, Detail), each with how many times faster the first row is;
# images/s in $NumberFormat.
function Format-PipelineTable([Parameter(Mandatory)] [object[]] $Rows, [string] $NumberFormat = '0.0') {
    $photoff = $Rows[0].ImagesPerSecond
    '| pipeline | images/s | PhotoFF is | notes |'
    '| --- | ---: | ---: | --- |'
    foreach ($row in $Rows) {
        $ratio = if ([double]::IsNaN($row.ImagesPerSecond) -or $row.ImagesPerSecond -eq 0) { '' } else { '{0:0.00}x' -f ($photoff / $row.ImagesPerSecond) }
        "| {0} | {1:$NumberFormat} | {2} | {3} |" -f $row.Pipeline, $row.ImagesPerSecond, $ratio, $row.Detail
    }
}

# Seconds of one run of $Block, and the CPU seconds this process spent in it (all its threads).
function Measure-Run([scriptblock] $Block) {
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $process.Refresh()
    $cpu = $process.TotalProcessorTime
    $timer = [Diagnostics.Stopwatch]::StartNew()
    & $Block | Out-Null
    $timer.Stop()
    $process.Refresh()
    [pscustomobject]@{ Seconds = $timer.Elapsed.TotalSeconds; CpuSeconds = ($process.TotalProcessorTime - $cpu).TotalSeconds }
}

# The nvJPEG counters of each CUDA device in use (one object per device, by ordinal), or with -Sum their totals, read
# through reflection: the codec is internal to the module.
function Get-NvjpegCounters([switch] $Sum) {
    try {
        $assembly = [PhotoFF.Imaging.CudaImage].Assembly
        $codecType = $assembly.GetType('PhotoFF.Codecs.Gpu.NvjpegCodec', $true)
        $backends = $assembly.GetType('PhotoFF.Imaging.BackendSelector', $true).GetProperty('Active').GetValue($null)
        $perDevice = foreach ($backend in $backends) {
            if ($backend.Kind -ne 'Cuda') { continue }
            $codec = $codecType.GetMethod('For').Invoke($null, @($backend))
            if (-not $codec) { continue }
            $decoder = $codec.GetType().GetProperty('Decoder').GetValue($codec)
            $encoder = $codec.GetType().GetProperty('Encoder').GetValue($codec)
            $batches = $decoder.GetType().GetProperty('BatchCounts').GetValue($decoder)
            [pscustomobject]@{
                Device   = $backend.DeviceOrdinal
                Hardware = $decoder.GetType().GetProperty('HardwareDecoded').GetValue($decoder)
                Cuda     = $decoder.GetType().GetProperty('CudaDecoded').GetValue($decoder)
                Refused  = $decoder.GetType().GetProperty('Refused').GetValue($decoder)
                Batches  = $batches.Item1
                Batched  = $batches.Item2
                Encoded  = $encoder.GetType().GetProperty('Encoded').GetValue($encoder)
            }
        }
        if (-not $perDevice) { return $null }
        if (-not $Sum) { return $perDevice }
        $total = [ordered]@{}
        foreach ($name in 'Hardware', 'Cuda', 'Refused', 'Batches', 'Batched', 'Encoded') { $total[$name] = ($perDevice | Measure-Object $name -Sum).Sum }
        [pscustomobject]$total
    }
    catch {
        Write-Warning "nvJPEG counters unavailable: $($_.Exception.Message)"
        $null
    }
}

# The same counters of one device, from two readings (after minus before).
function Get-CounterDelta($Before, $After, [int] $Ordinal) {
    $b = @($Before).Where({ $_.Device -eq $Ordinal })[0]
    $a = @($After).Where({ $_.Device -eq $Ordinal })[0]
    if (-not $a) { return $null }
    [pscustomobject]@{
        Hardware = $a.Hardware - [long]$b.Hardware; Cuda = $a.Cuda - [long]$b.Cuda; Refused = $a.Refused - [long]$b.Refused
        Batches = $a.Batches - [long]$b.Batches; Batched = $a.Batched - [long]$b.Batched; Encoded = $a.Encoded - [long]$b.Encoded
    }
}

Export-ModuleMember -Function Find-TestImages, New-PhotoBatch, Invoke-PipelinePeers, Format-PipelineTable, Measure-Run, Get-NvjpegCounters,
    Get-CounterDelta
