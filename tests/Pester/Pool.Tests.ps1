# The buffer pool seen from PowerShell: reuse across pipelines, Clear-CudaBufferPool (with -WhatIf and -Confirm), images
# that users never dispose, and Remove-Module giving the device memory back.

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    $skipCuda = Test-SkipCuda
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # The statistics of the pool that holds the pixels of new images: 'cuda:0 pixels' or 'cpu pixels'.
    function Get-PixelPool {
        $backend = @(Get-CudaDevice).Where({ $_.InUse }, 'First')[0].Backend.ToLowerInvariant()
        @(Get-CudaBufferPool).Where({ $_.Pool -like "$backend*pixels" }, 'First')[0]
    }

    # Clear-CudaBufferPool asks once per pool, and pools exist once a backend has made an image: a script that makes one
    # first does not depend on another test having made one.
    $script:WithAPool = "`$WarningPreference = 'SilentlyContinue'; Import-Module '$(Get-PhotoFFManifest)'; New-CudaImage 1 1 | Remove-CudaImage"
}

Describe 'The buffer pool' {
    It 'makes no new allocation for a batch no larger than one it has seen' {
        $files = Get-ChildItem (Get-TestImagePath exif orientation) -Filter *.jpg
        $files | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Remove-CudaImage
        $warm = Get-PixelPool

        $files | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Remove-CudaImage
        $files | Select-Object -First 4 | Import-CudaImage | Invoke-GaussianBlur 2 | Remove-CudaImage

        $after = Get-PixelPool
        $after.Allocations | Should -Be $warm.Allocations
        $after.Hits | Should -BeGreaterThan $warm.Hits
        # Every image of the batches was removed; images other tests dropped undisposed may still be waiting for the
        # finalizer, so the count can only have fallen.
        $after.LeasedBuffers | Should -BeLessOrEqual $warm.LeasedBuffers
    }

    It 'frees every idle buffer on Clear-CudaBufferPool' {
        New-CudaImage 640 480 -Color Red | Invoke-GaussianBlur 4 | Remove-CudaImage
        (Get-PixelPool).BytesHeld | Should -BeGreaterThan 0
        # Images other tests dropped undisposed come back through the finalizer: before the clear, not between it and
        # the look below (on the GPU machine a 256 KB buffer once came back in between, held and not leased).
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()

        $cleared = @(Clear-CudaBufferPool -PassThru)

        # What remains is leased, by images other tests dropped undisposed that the finalizer has not handed back yet.
        $pool = Get-PixelPool
        $pool.BytesHeld | Should -Be $pool.BytesLeased
        $cleared.Pool | Should -Contain $pool.Pool
    }

    It 'frees nothing with -WhatIf' {
        New-CudaImage 640 480 -Color Red | Remove-CudaImage
        $before = Get-PixelPool

        Clear-CudaBufferPool -WhatIf

        (Get-PixelPool).BytesHeld | Should -Be $before.BytesHeld
    }

    It 'takes back the buffers of images collected undisposed' {
        # A fresh process: here, $Error and other tests' variables may keep images alive.
        $run = Invoke-Pwsh @'
$WarningPreference = 'SilentlyContinue'
Import-Module $env:PHOTOFF_MANIFEST
$backend = @(Get-CudaDevice).Where({ $_.InUse }, 'First')[0].Backend.ToLowerInvariant()
$pool = { @(Get-CudaBufferPool).Where({ $_.Pool -like "$backend*pixels" }, 'First')[0] }
$images = 1..6 | ForEach-Object { New-CudaImage 320 200 -Color Green | Invoke-GaussianBlur 2 }
(& $pool).LeasedBuffers
$images = $null
for ($i = 0; $i -lt 5 -and (& $pool).LeasedBuffers -gt 0; $i++) { [GC]::Collect(); [GC]::WaitForPendingFinalizers() }
(& $pool).LeasedBuffers
'@ -Environment @{ PHOTOFF_MANIFEST = Get-PhotoFFManifest }

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $leased = [int[]](Get-Lines $run.Output)
        $leased.Count | Should -Be 2
        $leased[0] | Should -BeGreaterOrEqual 6 -Because 'six images are referenced'
        $leased[1] | Should -Be 0 -Because 'collected images hand their buffers back'
    }
}

Describe 'Clear-CudaBufferPool -Confirm' {
    It 'clears when the user answers Yes to All' {
        $run = Invoke-Pwsh "$WithAPool; Clear-CudaBufferPool -Confirm -PassThru | ForEach-Object { 'cleared' }" -Prompts -InputText "A`n"

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output | Should -BeLike '*Performing the operation "Free idle buffers" on target*'
        $run.Output | Should -BeLike '*`[Y`] Yes*'
        Get-Lines $run.Output | Should -Contain 'cleared'
    }

    It 'clears nothing when the user answers No to All' {
        $run = Invoke-Pwsh "$WithAPool; Clear-CudaBufferPool -Confirm -PassThru | ForEach-Object { 'cleared' }; 'done'" -Prompts -InputText "L`n"

        $run.ExitCode | Should -Be 0 -Because $run.Error
        Get-Lines $run.Output | Should -Not -Contain 'cleared'
        Get-Lines $run.Output | Should -Contain 'done'
    }

    It 'is an error, not a hang, where no one can answer' {
        $run = Invoke-Pwsh "$WithAPool; Clear-CudaBufferPool -Confirm"

        $run.ExitCode | Should -Not -Be 0
        $run.Error | Should -BeLike '*NonInteractive mode*'
    }
}

Describe 'Remove-Module PhotoFF' {
    It 'returns the device memory to where it was before Import-Module' -Skip:$skipCuda {
        $run = Invoke-Pwsh @'
. $env:PHOTOFF_PROBE
$probe = [PhotoFFTests.CudaMemoryProbe]::new(0)
$before = $probe.FreeBytes()
Import-Module $env:PHOTOFF_MANIFEST
1..4 | ForEach-Object { New-CudaImage 3840 2160 -Color Red | Invoke-GaussianBlur 5 | Add-CornerRadius 40 } | Out-Null
$during = $probe.FreeBytes()
Remove-Module PhotoFF
$after = $probe.FreeBytes()
"$before $during $after"
'@ -Environment @{ PHOTOFF_MANIFEST = Get-PhotoFFManifest; PHOTOFF_PROBE = Join-Path $PSScriptRoot CudaMemoryProbe.ps1 }

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $free = [long[]](@(Get-Lines $run.Output)[-1] -split ' ')
        $free[1] | Should -BeLessThan ($free[0] - 100MB) -Because "the images took no device memory: $($run.Output)"
        [Math]::Abs($free[2] - $free[0]) | Should -BeLessOrEqual 4MB -Because "free memory before, during and after: $($run.Output)"
    }
}
