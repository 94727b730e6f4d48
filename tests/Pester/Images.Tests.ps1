# Making, copying and removing images, and the devices they live on: New-CudaImage, Copy-CudaImage, Remove-CudaImage,
# Get-CudaDevice.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'New-CudaImage' {
    It 'makes an image of a colour given as a name, #RRGGBBAA or components, transparent by default' {
        Get-DistinctPixels (Get-Pixels (New-CudaImage 3 2 -Color CornflowerBlue)) | Should -Be '100,149,237,255'
        Get-DistinctPixels (Get-Pixels (New-CudaImage 3 2 '#10203040')) | Should -Be '16,32,48,64'
        Get-DistinctPixels (Get-Pixels (New-CudaImage 3 2 @(1, 2, 3))) | Should -Be '1,2,3,255'
        $image = New-CudaImage -Width 5 -Height 4
        "$($image.Width)x$($image.Height)" | Should -Be '5x4'
        Get-DistinctPixels (Get-Pixels $image) | Should -Be '0,0,0,0'
    }

    It 'refuses a size of 0 at binding' {
        $result = Invoke-Captured { New-CudaImage 0 1 }

        $result.FirstError.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,PhotoFF.Commands.NewCudaImageCommand'
        $result.Output | Should -BeNullOrEmpty
    }

    It 'without a size is an error in a non-interactive pwsh, not a prompt' {
        $run = Invoke-Pwsh "Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue; try { New-CudaImage } catch { `$_.FullyQualifiedErrorId }; 'after'"

        $run.ExitCode | Should -Be 0 -Because $run.Error
        Get-Lines $run.Output | Should -Be @('MissingMandatoryParameter,PhotoFF.Commands.NewCudaImageCommand', 'after')
    }
}

Describe 'Copy-CudaImage and Remove-CudaImage' {
    It 'copies an image into an independent image' {
        $pixels = New-RandomPixels 7 5 -Seed 3
        $original = , $pixels | ConvertTo-CudaImage -Raw -Width 7 -Height 5

        $copy = $original | Copy-CudaImage
        $null = $copy | Invoke-Fill -Color Red

        [object]::ReferenceEquals($copy, $original) | Should -BeFalse
        Test-BytesEqual $pixels (Get-Pixels $original) | Should -BeTrue
        Get-DistinctPixels (Get-Pixels $copy) | Should -Be '255,0,0,255'
    }

    It 'disposes the images it is given, so that using one again is an error naming it' {
        $images = 1..3 | ForEach-Object { New-CudaImage 2 2 White }

        $images | Remove-CudaImage

        $images.IsDisposed | Should -Be @($true, $true, $true)
        $result = Invoke-Captured { $images[1] | Measure-CudaImage }
        $result.FirstError.FullyQualifiedErrorId | Should -Be 'MeasureCudaImageFailed,PhotoFF.Commands.MeasureCudaImageCommand'
        $result.FirstError.TargetObject | Should -Be $images[1]
    }
}

Describe 'Get-CudaDevice' {
    It 'names the backend new images go to, and the images say the same' {
        $devices = @(Get-CudaDevice)
        $inUse = @($devices.Where({ $_.InUse }))

        $inUse.Count | Should -Be 1
        $inUse[0].Backend | Should -BeIn 'Cuda', 'Cpu'
        (New-CudaImage 1 1).BackendKind.ToString() | Should -Be $inUse[0].Backend
    }

    It 'with PHOTOFF_BACKEND=Cpu uses the CPU without a warning' {
        $run = Invoke-Pwsh "Import-Module '$(Get-PhotoFFManifest)'; (Get-CudaDevice).Where({ `$_.InUse }).Backend; (New-CudaImage 1 1).BackendKind" -Environment @{ PHOTOFF_BACKEND = 'Cpu' }

        $run.ExitCode | Should -Be 0 -Because $run.Error
        Get-Lines $run.Output | Should -Be @('Cpu', 'Cpu')
        $run.Error | Should -BeNullOrEmpty
    }
}
