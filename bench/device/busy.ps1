# A workload that runs for -Seconds, for bench/device/stacks.sh to sample: the -Device All import of the multi-GPU
# benchmark (GpuImport) or the CPU backend's pipeline (CpuPipeline), over the pipeline benchmarks' batch of -Count photos.
param([ValidateSet('GpuImport', 'CpuPipeline')] [string] $Kind, [int] $Seconds = 10, [int] $Count = 201,
    [string] $Work = [IO.Path]::Combine([IO.Path]::GetTempPath(), "photoff-busy-$PID"))
$ErrorActionPreference = 'Stop'
if ($Kind -eq 'CpuPipeline') { $env:PHOTOFF_BACKEND = 'Cpu' }
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..'))
Import-Module ([IO.Path]::Combine($root, 'PhotoFF.psd1')) -WarningAction SilentlyContinue
Import-Module ([IO.Path]::Combine($root, 'bench', 'PipelineBench.psm1'))
$folders = New-PhotoBatch -Root $root -Work $Work -Count $Count
$batch, $out = $folders.Batch, $folders.Out
$pass = switch ($Kind) {
    'GpuImport' { { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device All | Remove-CudaImage } }
    'CpuPipeline' { { Get-ChildItem $batch -Filter *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Resize-CudaImage -Width 1920 | Export-CudaImage $out -Format Jpeg -Quality 90 -Force } }
}
& $pass | Out-Null
"ready $([DateTime]::UtcNow.ToString('HH:mm:ss.fff'))"
$timer = [Diagnostics.Stopwatch]::StartNew()
$passes = 0
while ($timer.Elapsed.TotalSeconds -lt $Seconds) { & $pass | Out-Null; $passes++ }
'{0}: {1} passes, {2:0.0} images/s' -f $Kind, $passes, ($passes * $Count / $timer.Elapsed.TotalSeconds)
