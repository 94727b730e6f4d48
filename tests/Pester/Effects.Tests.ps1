# The effect cmdlets: Add-Stroke, Add-Shadow, Invoke-Sharpen, Invoke-GaussianBlur, Add-CornerRadius. Their pixels are
# tested against references in xunit; here, that each cmdlet hands its parameters to the operation and refuses bad ones.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # 21x21 transparent pixels with an opaque white 7x7 square in the middle: a shape to stroke and shade.
    function New-SquarePixels {
        $pixels = [byte[]]::new(21 * 21 * 4)
        for ($y = 7; $y -lt 14; $y++) { for ($x = 7; $x -lt 14; $x++) { [Array]::Fill($pixels, [byte]255, ($y * 21 + $x) * 4, 4) } }
        , $pixels
    }
}

Describe 'Add-Stroke, Add-Shadow and Invoke-Sharpen' {
    It '<Command> writes the same image changed as the .NET operation does' -ForEach @(
        @{ Command = { $image | Add-Stroke 2.5 -Color Red }; Operation = { [PhotoFF.Imaging.ImageOperations]::Stroke($expected, 2.5, [PhotoFF.Imaging.Rgba]::new(255, 0, 0, 255), $false) }; Changes = $true }
        @{ Command = { $image | Add-Stroke -Width 3 -Color '#00FF0080' -Inner }; Operation = { [PhotoFF.Imaging.ImageOperations]::Stroke($expected, 3, [PhotoFF.Imaging.Rgba]::new(0, 255, 0, 128), $true) }; Changes = $true }
        @{ Command = { $image | Add-Shadow 4 -Intensity 0.8 -Color Navy -OffsetX 3 -OffsetY -2 }; Operation = { [PhotoFF.Imaging.ImageOperations]::Shadow($expected, 4, 0.8, [PhotoFF.Imaging.Rgba]::new(0, 0, 128, 255), 3, -2, $false) }; Changes = $true }
        @{ Command = { $image | Add-Shadow -Radius 2 -Intensity 1 -Color @(200, 0, 0) -Inner -OffsetX 1 }; Operation = { [PhotoFF.Imaging.ImageOperations]::Shadow($expected, 2, 1, [PhotoFF.Imaging.Rgba]::new(200, 0, 0, 255), 1, 0, $true) }; Changes = $true }
        @{ Command = { $image | Invoke-Sharpen 3 1.5 -Threshold 2 }; Operation = { [PhotoFF.Imaging.ImageOperations]::Sharpen($expected, 3, 1.5, 2) }; Changes = $false }
    ) {
        $before = New-SquarePixels
        $image = , $before | ConvertTo-CudaImage -Raw -Width 21 -Height 21
        $expected = $image.Clone()
        $null = & $Operation

        $out = @(& $Command)

        $out.Count | Should -Be 1
        [object]::ReferenceEquals($out[0], $image) | Should -BeTrue
        $after = Get-Pixels $image
        Test-BytesEqual (Get-Pixels $expected) $after | Should -BeTrue
        if ($Changes) { Test-BytesEqual $before $after | Should -BeFalse }
    }

    It 'chain with their defaults, and leave an image without a shape as it was' {
        $out = @(New-CudaImage 40 30 Transparent | ForEach-Object { $_ } | Add-Stroke 2 | Add-Shadow | Invoke-Sharpen)

        $out.Count | Should -Be 1
        $out[0].Width | Should -Be 40
        Get-DistinctPixels (Get-Pixels $out[0]) | Should -Be '0,0,0,0'
    }

    It 'refuse <Script> at binding with <ErrorId> and change nothing' -ForEach @(
        @{ Script = { $image | Add-Stroke -Width -1 }; Cmdlet = 'AddStrokeCommand'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Add-Stroke 2 -Color NotAColor }; Cmdlet = 'AddStrokeCommand'; ErrorId = 'ParameterArgumentTransformationError' }
        @{ Script = { $image | Add-Stroke 2 -Color @(1, 2) }; Cmdlet = 'AddStrokeCommand'; ErrorId = 'ParameterArgumentTransformationError' }
        @{ Script = { $image | Add-Shadow -Radius -3 }; Cmdlet = 'AddShadowCommand'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Add-Shadow -Intensity 2 }; Cmdlet = 'AddShadowCommand'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Add-Shadow -Color Nope }; Cmdlet = 'AddShadowCommand'; ErrorId = 'ParameterArgumentTransformationError' }
        @{ Script = { $image | Add-Shadow -OffsetX 100000 }; Cmdlet = 'AddShadowCommand'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Sharpen -Radius -1 }; Cmdlet = 'InvokeSharpenCommand'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Sharpen 2 -Amount -0.5 }; Cmdlet = 'InvokeSharpenCommand'; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { $image | Invoke-Sharpen -Threshold 256 }; Cmdlet = 'InvokeSharpenCommand'; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        $before = New-SquarePixels
        $image = , $before | ConvertTo-CudaImage -Raw -Width 21 -Height 21

        $result = Invoke-Captured $Script

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.Exception | Should -BeOfType [Management.Automation.ParameterBindingException]
        $result.FirstError.FullyQualifiedErrorId | Should -Be "$ErrorId,PhotoFF.Commands.$Cmdlet"
        $result.Output | Should -BeNullOrEmpty
        Test-BytesEqual $before (Get-Pixels $image) | Should -BeTrue
    }
}

Describe 'Invoke-GaussianBlur and Add-CornerRadius' {
    It 'write an error naming a disposed image and go on with the rest of the script' {
        $gone = New-CudaImage 2 2
        Remove-CudaImage $gone

        $result = Invoke-Captured { $gone | Invoke-GaussianBlur 2; 'after' }

        $result.Output | Should -Be 'after'
        $result.AllErrors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -Be 'GaussianBlurFailed,PhotoFF.Commands.InvokeGaussianBlurCommand'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $result.Errors[0].TargetObject | Should -Be $gone
    }

    It 'blur and round the corners of the same image they are given' {
        $image = New-RandomImage 33 17 -Seed 5 -Opaque
        $before = Get-Pixels $image

        $out = @($image | Invoke-GaussianBlur -Sigma 1.5 | Add-CornerRadius 6)

        [object]::ReferenceEquals($out[0], $image) | Should -BeTrue
        $after = Get-Pixels $image
        Test-BytesEqual $before $after | Should -BeFalse
        Get-Pixel $after 0 | Select-Object -Last 1 | Should -Be 0
        Get-Pixel $after (8 * 33 + 16) | Select-Object -Last 1 | Should -Be 255
    }

    It 'refuse a negative radius at binding' {
        $image = New-CudaImage 4 4 White

        $result = Invoke-Captured { $image | Invoke-GaussianBlur -1 }

        $result.FirstError.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,PhotoFF.Commands.InvokeGaussianBlurCommand'
        Get-DistinctPixels (Get-Pixels $image) | Should -Be '255,255,255,255'
    }
}
