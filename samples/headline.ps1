<#
.SYNOPSIS
    The headline pipeline on the sample photos: import, blur, round the corners, export as PNG.
.DESCRIPTION
    Runs `Get-ChildItem | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage` over
    samples/photos (or -Source), then prints what it did, the backend it ran on and how fast.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Demo
.EXAMPLE
    Import-Module ./PhotoFF.psd1; ./samples/headline.ps1 -Source ~/Pictures -Repeat 1
#>
param(
    [string] $Source = [IO.Path]::Combine($PSScriptRoot, 'photos'),
    [string] $Destination = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'photoff-headline'),
    [int] $Repeat = 3
)

if (-not (Get-Module PhotoFF)) { Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'PhotoFF.psd1')) }
$files = Get-ChildItem $Source -File | Where-Object Extension -Match '^\.(jpe?g|png|tiff?|webp)$'
$device = (Get-CudaDevice).Where({ $_.InUse }, 'First')[0]
"PhotoFF headline pipeline: $($files.Count) photos from $Source"
"Backend: $($device.Backend) on $($device.Name)"

# The first pass warms up: kernel JIT, buffer pool, codec threads. Then the timed passes.
$files | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage $Destination -Format Png -Force
$megapixels = 0.0
$timer = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $Repeat; $i++) {
    $files | Import-CudaImage | ForEach-Object { $megapixels += $_.Width * $_.Height / 1e6; $_ } |
        Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage $Destination -Format Png -Force
}
$timer.Stop()
$seconds = $timer.Elapsed.TotalSeconds
$count = $files.Count * $Repeat
"Did: Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage (PNG), $Repeat timed pass$(if ($Repeat -ne 1) { 'es' }) after a warm-up"
"Wrote: $($files.Count) PNG files to $Destination"
'Time: {0:0.00} s for {1} images, {2:0.0} megapixels: {3:0.0} images/s, {4:0.0} megapixels/s' -f $seconds, $count, $megapixels, ($count / $seconds), ($megapixels / $seconds)
$pool = (Get-CudaBufferPool).Where({ $_.Pool -like '*pixels' }, 'First')[0]
"Pool: $($pool.Buffers) buffers, $([math]::Round($pool.BytesHeld / 1MB, 1)) MB held, $($pool.Allocations) allocations, $($pool.Hits) reuses"
