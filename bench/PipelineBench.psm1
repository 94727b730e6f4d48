# What bench/pipeline.ps1 (the GPU pipeline) and bench/cpu-pipeline.ps1 (the CPU backend's) share: finding the test
# photos, building the batch, running the peers of bench/peers/pipeline_peers.py, and the table that compares them.

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

Export-ModuleMember -Function Find-TestImages, New-PhotoBatch, Invoke-PipelinePeers, Format-PipelineTable
