# The geometry cmdlets: Invoke-Crop, Resize-CudaImage, Invoke-Rotate, Invoke-Flip. Their resampling is tested against
# float64 references in xunit; here, how they bind, chain, report per-image errors and refuse arguments.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'Invoke-Crop' {
    It 'crops rectangles and margins of pipeline images' {
        $images = @(
            New-CudaImage 100 80 White | Invoke-Crop 10 20 30 40
            New-CudaImage 100 80 White | Invoke-Crop -X 90 -Y -10 -Width 20 -Height 20
            New-CudaImage 100 80 White | Invoke-Crop -Margin 5
            New-CudaImage 100 80 White | Invoke-Crop -Margin 5, 10
            New-CudaImage 100 80 White | Invoke-Crop -Margin 1, 2, 3, 4
        )

        $images | ForEach-Object { "$($_.Width)x$($_.Height)" } | Should -Be @('30x40', '20x20', '90x70', '80x70', '94x76')
        # The part outside the image is transparent: x 90..109 and y -10..9 of a 100x80 image.
        $partial = Get-Pixels $images[1]
        Get-Pixel $partial (5 * 20 + 5) | Should -Be @(0, 0, 0, 0)
        Get-Pixel $partial (15 * 20 + 5) | Should -Be @(255, 255, 255, 255)
        Get-Pixel $partial (15 * 20 + 15) | Should -Be @(0, 0, 0, 0)
    }

    It 'writes an error for each image -Strict refuses and crops the rest' {
        $small = New-CudaImage 10 10 White
        $large = New-CudaImage 100 100 White

        $strict = Invoke-Captured { $small, $large | Invoke-Crop 5 5 20 20 -Strict }
        $margins = Invoke-Captured { $small | Invoke-Crop -Margin 5, 0 }

        $strict.AllErrors.Count | Should -Be 1
        $strict.Errors[0].FullyQualifiedErrorId | Should -Be 'CropOutsideImage,PhotoFF.Commands.InvokeCropCommand'
        $strict.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $strict.Errors[0].TargetObject | Should -Be $small
        $strict.Output.Count | Should -Be 1
        [object]::ReferenceEquals($strict.Output[0], $large) | Should -BeTrue
        "$($large.Width)x$($large.Height)" | Should -Be '20x20'
        $small.Width | Should -Be 10
        $margins.AllErrors.Count | Should -Be 1
        $margins.Errors[0].FullyQualifiedErrorId | Should -Be 'CropMarginsTooLarge,PhotoFF.Commands.InvokeCropCommand'
        $margins.Output | Should -BeNullOrEmpty
    }

    It 'refuses <Script> before any work' -ForEach @(
        @{ Script = { $image | Invoke-Crop -Width 0 -Height 5 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Crop -Width 5 -Height -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Crop -Margin 1, 2, 3 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Crop -Margin -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Crop -Margin 1, 2, 3, 4, 5 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Crop -Margin 2 -Width 5 -Height 5 }; ErrorId = 'AmbiguousParameterSet' }
        @{ Script = { $image | Invoke-Crop -Margin 2 -Strict }; ErrorId = 'AmbiguousParameterSet' }
    ) {
        $image = New-CudaImage 30 20 White

        $result = Invoke-Captured $Script

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -Be "$ErrorId,PhotoFF.Commands.InvokeCropCommand"
        $result.Output | Should -BeNullOrEmpty
        $image.Width | Should -Be 30
    }
}

Describe 'Resize-CudaImage' {
    It 'resizes pipeline images by size, scale and fit' {
        $images = @(
            New-CudaImage 200 100 White | Resize-CudaImage -Width 50
            New-CudaImage 200 100 White | Resize-CudaImage -Scale 0.25 -Interpolation Lanczos3
            New-CudaImage 200 100 White | Resize-CudaImage 80 80 -Fit Contain -Background Red
            New-CudaImage 200 100 White | Resize-CudaImage -Height 50 -Fit Cover
            New-CudaImage 20 10 White | Resize-CudaImage 80 80 -ShrinkOnly
        )

        $images | ForEach-Object { "$($_.Width)x$($_.Height)" } | Should -Be @('50x25', '50x25', '80x80', '100x50', '20x10')
        $contained = Get-Pixels $images[2]
        Get-Pixel $contained 0 | Should -Be @(255, 0, 0, 255)
        Get-Pixel $contained (40 * 80 + 40) | Should -Be @(255, 255, 255, 255)
    }

    It 'refuses <Script> before any work' -ForEach @(
        @{ Script = { $image | Resize-CudaImage -Width -5 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Resize-CudaImage -Width 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Resize-CudaImage -Scale 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Resize-CudaImage -Width 10 -Fit Stretch }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Script = { $image | Resize-CudaImage -Width 10 -Interpolation Sinc }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Script = { $image | Resize-CudaImage -Width 10 -Scale 2 }; ErrorId = 'AmbiguousParameterSet' }
        @{ Script = { $image | Resize-CudaImage -Fit Cover }; ErrorId = 'ResizeSizeMissing' }
    ) {
        $image = New-CudaImage 30 20 White

        $result = Invoke-Captured $Script

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -Be "$ErrorId,PhotoFF.Commands.ResizeCudaImageCommand"
        $result.Output | Should -BeNullOrEmpty
        $image.Width | Should -Be 30
    }
}

Describe 'Invoke-Rotate' {
    It 'turns pipeline images as the CPU reference does and passes the same image on' {
        $pixels = New-RandomPixels 9 4 -Seed 2
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 9 -Height 4
        $expected = New-CpuImage $pixels 9 4
        $null = [PhotoFF.Imaging.ImageOperations]::Rotate([PhotoFF.Imaging.ImageOperations]::Rotate($expected, 90, [PhotoFF.Imaging.Rgba]::Transparent), 45, [PhotoFF.Imaging.Rgba]::new(0, 255, 0, 128))

        $out = @($image | Invoke-Rotate 90 | Invoke-Rotate -Angle 45 -Background '#00FF0080')

        $out.Count | Should -Be 1
        [object]::ReferenceEquals($out[0], $image) | Should -BeTrue
        $image.Width | Should -Be $expected.Width
        $image.Height | Should -Be $expected.Height
        $difference = Compare-Bytes (Get-Pixels $expected) (Get-Pixels $image) -Tolerance 1
        $difference.Count | Should -Be 0 -Because $difference.First
    }

    It 'refuses <Script> at binding (-<Parameter>) and changes nothing' -ForEach @(
        @{ Script = { $image | Invoke-Rotate 45 -Background 'NoSuchColor' }; Parameter = 'Background' }
        @{ Script = { $image | Invoke-Rotate ([double]::NaN) }; Parameter = 'Angle' }
        @{ Script = { $image | Invoke-Rotate 1e9 }; Parameter = 'Angle' }
    ) {
        $pixels = New-RandomPixels 5 3 -Seed 1
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 5 -Height 3

        $result = Invoke-Captured $Script

        $result.AllErrors.Count | Should -Be 1
        Get-RefusedParameter $result.FirstError | Should -Contain $Parameter
        $result.Output | Should -BeNullOrEmpty
        Test-BytesEqual $pixels (Get-Pixels $image) | Should -BeTrue
    }

    It 'without an angle is an error where no one can be asked for it, not a prompt' {
        $pixels = New-RandomPixels 5 3 -Seed 1
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 5 -Height 3

        $result = Invoke-InRunspace '$image | Invoke-Rotate' -Variables @{ image = $image }

        Get-RefusedParameter $result.FirstError | Should -Contain 'Angle'
        $result.FirstError.FullyQualifiedErrorId | Should -Be 'MissingMandatoryParameter,PhotoFF.Commands.InvokeRotateCommand'
        $result.Output | Should -BeNullOrEmpty
        Test-BytesEqual $pixels (Get-Pixels $image) | Should -BeTrue
    }
}

Describe 'Invoke-Flip' {
    It 'mirrors each pipeline image both ways and passes them on' {
        $pixels = New-RandomPixels 9 4 -Seed 21
        $first = , $pixels | ConvertTo-CudaImage -Raw -Width 9 -Height 4
        $second = , $pixels | ConvertTo-CudaImage -Raw -Width 9 -Height 4
        # Both ways is half a turn: pixel i becomes pixel (count - 1 - i).
        $expected = [byte[]]::new($pixels.Length)
        for ($i = 0; $i -lt 36; $i++) { [Array]::Copy($pixels, $i * 4, $expected, (35 - $i) * 4, 4) }

        $out = @($first, $second | Invoke-Flip -Horizontal -Vertical)

        $out.Count | Should -Be 2
        [object]::ReferenceEquals($out[0], $first) | Should -BeTrue
        [object]::ReferenceEquals($out[1], $second) | Should -BeTrue
        Test-BytesEqual $expected (Get-Pixels $first) | Should -BeTrue
        Test-BytesEqual $expected (Get-Pixels $second) | Should -BeTrue
    }

    It 'without a direction is refused before any image is made' {
        $script:produced = $false

        { & { $script:produced = $true; New-CudaImage 3 3 } | Invoke-Flip } | Should -Throw -ErrorId 'FlipDirectionMissing,PhotoFF.Commands.InvokeFlipCommand'
        $script:produced | Should -BeFalse
    }
}
