# The colour cmdlets: Invoke-ChromaKey, Invoke-ColorAdjustment, ConvertTo-Grayscale, Set-Opacity. Their pixel arithmetic
# is tested against float64 references in xunit; here, how they bind, chain and refuse arguments.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'Invoke-ChromaKey' {
    It 'keys by a key image and by a colour, passing the same images on' {
        $key = New-CudaImage 4 2 @(0, 200, 0, 255)
        $image = New-CudaImage 4 2 '#336699'
        $green = New-CudaImage 3 3 Lime

        $a = $image | Invoke-ChromaKey -KeyImage $key -Channel G -Threshold 199 -ZeroAllChannels
        $b = $green | Invoke-ChromaKey Lime 0.1 -Softness 0 -SuppressSpill

        [object]::ReferenceEquals($image, $a) | Should -BeTrue
        [object]::ReferenceEquals($green, $b) | Should -BeTrue
        Get-DistinctPixels (Get-Pixels $a) | Should -Be '0,0,0,0'
        Get-DistinctPixels (Get-Pixels $b) | Should -Be '0,0,0,0'
    }

    It 'reports a key image of another size for that image and keys the rest' {
        $key = New-CudaImage 4 2 White

        $result = Invoke-Captured { @(New-CudaImage 5 2 '#336699'; New-CudaImage 4 2 '#336699') | Invoke-ChromaKey -KeyImage $key -Channel R -Threshold 10 }

        $result.AllErrors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -Be 'KeyImageMismatch,PhotoFF.Commands.InvokeChromaKeyCommand'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Errors[0].Exception.Message | Should -BeLike '*5x2*'
        $result.Output.Count | Should -Be 1
        $result.Output[0].Width | Should -Be 4
        Get-DistinctPixels (Get-Pixels $result.Output[0]) | Should -Be '51,102,153,0'
    }

    It 'refuses <Script> at binding and changes nothing' -ForEach @(
        @{ Script = { $image | Invoke-ChromaKey NotAColor 0.2 }; ErrorId = 'ParameterArgumentTransformationError' }
        @{ Script = { $image | Invoke-ChromaKey -Color Lime -Tolerance -0.1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-ChromaKey -Color Lime -Tolerance 0.2 -Softness 2 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-ChromaKey -KeyImage $image -Threshold 256 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-ChromaKey -KeyImage $image -Channel X }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Script = { $image | Invoke-ChromaKey -KeyImage $image -Color Lime -Tolerance 0.2 }; ErrorId = 'AmbiguousParameterSet' }
    ) {
        $image = New-CudaImage 3 3 '#00FF0080'

        $result = Invoke-Captured $Script

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.Exception | Should -BeOfType [Management.Automation.ParameterBindingException]
        $result.FirstError.FullyQualifiedErrorId | Should -Be "$ErrorId,PhotoFF.Commands.InvokeChromaKeyCommand"
        $result.Output | Should -BeNullOrEmpty
        Get-DistinctPixels (Get-Pixels $image) | Should -Be '0,255,0,128'
    }
}

Describe 'Invoke-ColorAdjustment' {
    It 'adjusts in a pipeline and writes the same image' {
        $image = New-CudaImage 4 4 '#336699C0'

        $out = $image | Invoke-ColorAdjustment -Brightness 0.2 -Contrast 0 -Saturation 0 -Gamma 1 -Invert

        [object]::ReferenceEquals($image, $out) | Should -BeTrue
        # +51, inverted: (153, 102, 51); luma 0.299 153 + 0.587 102 + 0.114 51 = 111.435 -> 111; alpha kept.
        Get-DistinctPixels (Get-Pixels $out) | Should -Be '111,111,111,192'
    }

    It 'refuses <Arguments> at binding and changes nothing' -ForEach @(
        @{ Arguments = '-Gamma 0' }
        @{ Arguments = '-Saturation -1' }
        @{ Arguments = '-Brightness 1.5' }
        @{ Arguments = '-Contrast -2' }
        @{ Arguments = '-Saturation lots' }
    ) {
        $image = New-CudaImage 2 2 '#336699'
        $name, $value = $Arguments -split ' '
        $parameters = @{ $name.TrimStart('-') = $value }

        $result = Invoke-Captured { $image | Invoke-ColorAdjustment @parameters }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.Exception | Should -BeOfType [Management.Automation.ParameterBindingException]
        $result.FirstError.FullyQualifiedErrorId | Should -BeLike '*,PhotoFF.Commands.InvokeColorAdjustmentCommand'
        Get-DistinctPixels (Get-Pixels $image) | Should -Be '51,102,153,255'
    }
}

Describe 'ConvertTo-Grayscale' {
    It 'converts each pipeline image in place' {
        $images = @(New-CudaImage 5 3 '#336699'; New-CudaImage 2 2 '#FF000080')

        $out = @($images | ConvertTo-Grayscale)

        $out.Count | Should -Be 2
        [object]::ReferenceEquals($images[0], $out[0]) | Should -BeTrue
        [object]::ReferenceEquals($images[1], $out[1]) | Should -BeTrue
        Get-DistinctPixels (Get-Pixels $out[0]) | Should -Be '93,93,93,255'
        Get-DistinctPixels (Get-Pixels $out[1]) | Should -Be '76,76,76,128'
    }
}

Describe 'Set-Opacity' {
    It 'chains with the other colour cmdlets and writes the same image' {
        $image = New-CudaImage 8 8 '#336699'

        $out = $image | Set-Opacity 0.5 | ConvertTo-Grayscale | Invoke-ColorAdjustment -Invert | Set-Opacity -Opacity 0.5

        [object]::ReferenceEquals($image, $out) | Should -BeTrue
        # 255 x 0.5 = 127.5 -> 128, x 0.5 = 64; luma of #336699 = 92.565 -> 93, inverted 162.
        Get-DistinctPixels (Get-Pixels $out) | Should -Be '162,162,162,64'
    }

    It 'refuses the opacity <Opacity> at binding and changes nothing' -ForEach @(
        @{ Opacity = 2 }
        @{ Opacity = -0.5 }
        @{ Opacity = 'half' }
    ) {
        $image = New-CudaImage 3 3 '#33669980'

        $result = Invoke-Captured { $image | Set-Opacity $Opacity }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.Exception | Should -BeOfType [Management.Automation.ParameterBindingException]
        $result.FirstError.FullyQualifiedErrorId | Should -BeLike '*,PhotoFF.Commands.SetOpacityCommand'
        Get-DistinctPixels (Get-Pixels $image) | Should -Be '51,102,153,128'
    }
}
