# The cmdlets that make or combine images: Invoke-Fill, Add-Overlay, Join-CudaImage, New-TextImage.

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    $noDejaVu = -not (Test-DejaVu)
    # Without libfontconfig a family cannot be checked, so a missing family is not an error (FontConfig.cs).
    $noFontConfig = -not [Runtime.InteropServices.NativeLibrary]::TryLoad('libfontconfig.so.1', [ref][IntPtr]::Zero)
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'Invoke-Fill' {
    It 'fills new images with a gradient as the CPU reference does, or with a colour' {
        $expected = New-CpuImage ([byte[]]::new(100 * 60 * 4)) 100 60
        $null = [PhotoFF.Imaging.ImageOperations]::FillGradient($expected, [PhotoFF.Imaging.Rgba]::new(255, 0, 0, 255), [PhotoFF.Imaging.Rgba]::new(0, 0, 255, 128), 'Vertical', $true)

        $gradient = New-CudaImage 100 60 | Invoke-Fill -Gradient -From Red -To '#0000FF80' -Direction Vertical -Seamless
        $solid = New-CudaImage 5 5 | Invoke-Fill CornflowerBlue

        $difference = Compare-Bytes (Get-Pixels $expected) (Get-Pixels $gradient) -Tolerance 1
        $difference.Count | Should -Be 0 -Because $difference.First
        Get-DistinctPixels (Get-Pixels $solid) | Should -Be '100,149,237,255'
    }

    It 'refuses <Script> at binding (-<Parameter>) and changes nothing' -ForEach @(
        @{ Script = { $image | Invoke-Fill -Color NoSuchColor }; Parameter = 'Color' }
        @{ Script = { $image | Invoke-Fill -Gradient -From Red -To '#12345' }; Parameter = 'To' }
        @{ Script = { $image | Invoke-Fill -Gradient -From Red -To Blue -Direction Sideways }; Parameter = 'Direction' }
    ) {
        $pixels = New-RandomPixels 5 3 -Seed 1
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 5 -Height 3

        $result = Invoke-Captured $Script

        $result.AllErrors.Count | Should -Be 1
        Get-RefusedParameter $result.FirstError | Should -Contain $Parameter
        Test-BytesEqual $pixels (Get-Pixels $image) | Should -BeTrue
    }

    It 'without the second colour of a gradient is an error where no one can be asked for it' {
        $pixels = New-RandomPixels 5 3 -Seed 1
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 5 -Height 3

        $result = Invoke-InRunspace '$image | Invoke-Fill -Gradient -From Red' -Variables @{ image = $image }

        Get-RefusedParameter $result.FirstError | Should -Contain 'To'
        Test-BytesEqual $pixels (Get-Pixels $image) | Should -BeTrue
    }
}

Describe 'Add-Overlay' {
    BeforeAll {
        # Source-over from its definition, in double, straight alpha in and out: -Overlay at (-X, -Y) on -Target.
        function Get-OverlayReference([byte[]] $Target, [int] $Width, [int] $Height, [byte[]] $Overlay, [int] $OverlayWidth, [int] $OverlayHeight, [int] $X, [int] $Y, [double] $Opacity) {
            $result = [byte[]]$Target.Clone()
            for ($ty = [Math]::Max(0, $Y); $ty -lt [Math]::Min($Height, $Y + $OverlayHeight); $ty++) {
                for ($tx = [Math]::Max(0, $X); $tx -lt [Math]::Min($Width, $X + $OverlayWidth); $tx++) {
                    $s = (($ty - $Y) * $OverlayWidth + ($tx - $X)) * 4
                    $d = ($ty * $Width + $tx) * 4
                    $sa = $Overlay[$s + 3] / 255.0 * $Opacity
                    if ($sa -eq 0) { continue }
                    $da = $Target[$d + 3] / 255.0
                    $outA = $sa + $da * (1 - $sa)
                    $alpha = [Math]::Round($outA * 255, [MidpointRounding]::AwayFromZero)
                    for ($c = 0; $c -lt 3; $c++) {
                        $value = ($Overlay[$s + $c] * $sa + $Target[$d + $c] * $da * (1 - $sa)) / $outA
                        $result[$d + $c] = if ($alpha -eq 0) { 0 } else { [Math]::Round($value, [MidpointRounding]::AwayFromZero) }
                    }
                    $result[$d + 3] = $alpha
                }
            }
            , $result
        }
    }

    It 'watermarks every pipeline image and leaves the overlay as it was' {
        $photo = New-RandomPixels 60 40 -Seed 14 -Opaque
        $logoPixels = New-RandomPixels 15 10 -Seed 15
        $logo = , $logoPixels | ConvertTo-CudaImage -Raw -Width 15 -Height 10
        $first = , $photo | ConvertTo-CudaImage -Raw -Width 60 -Height 40
        $second = , $photo | ConvertTo-CudaImage -Raw -Width 60 -Height 40
        $expected = Get-OverlayReference $photo 60 40 $logoPixels 15 10 (60 - 15 - 5) (40 - 10 - 3) 0.5

        $out = @($first, $second | Add-Overlay $logo -Align BottomRight -OffsetX -5 -OffsetY -3 -Opacity 0.5)

        $out.Count | Should -Be 2
        [object]::ReferenceEquals($out[0], $first) | Should -BeTrue
        [object]::ReferenceEquals($out[1], $second) | Should -BeTrue
        foreach ($image in $first, $second) {
            $difference = Compare-Bytes $expected (Get-Pixels $image) -Tolerance 1
            $difference.Count | Should -Be 0 -Because $difference.First
        }
        Test-BytesEqual $logoPixels (Get-Pixels $logo) | Should -BeTrue
        [object]::ReferenceEquals(($first | Add-Overlay -Image $logo -X 2 -Y 3), $first) | Should -BeTrue
    }

    It 'refuses <Script> at binding (-<Parameter>) and changes nothing' -ForEach @(
        @{ Script = { $image | Add-Overlay $logo -Opacity 2 }; Parameter = 'Opacity' }
        @{ Script = { $image | Add-Overlay $logo -Align Middle }; Parameter = 'Align' }
    ) {
        $logo = New-RandomImage 3 3 -Seed 16
        $pixels = New-RandomPixels 5 4 -Seed 17
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 5 -Height 4

        $result = Invoke-Captured $Script

        $result.AllErrors.Count | Should -Be 1
        Get-RefusedParameter $result.FirstError | Should -Contain $Parameter
        $result.Output | Should -BeNullOrEmpty
        Test-BytesEqual $pixels (Get-Pixels $image) | Should -BeTrue
    }

    It 'refuses a position and an alignment together: PowerShell cannot choose a parameter set' {
        $logo = New-RandomImage 3 3 -Seed 16
        $pixels = New-RandomPixels 5 4 -Seed 17
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 5 -Height 4

        $result = Invoke-Captured { $image | Add-Overlay $logo -Align Center -X 3 }

        $result.FirstError.FullyQualifiedErrorId | Should -Be 'AmbiguousParameterSet,PhotoFF.Commands.AddOverlayCommand'
        $result.Output | Should -BeNullOrEmpty
        Test-BytesEqual $pixels (Get-Pixels $image) | Should -BeTrue
    }

    It 'without an overlay is an error where no one can be asked for it' {
        $pixels = New-RandomPixels 5 4 -Seed 17
        $image = , $pixels | ConvertTo-CudaImage -Raw -Width 5 -Height 4

        $result = Invoke-InRunspace '$image | Add-Overlay -X 3' -Variables @{ image = $image }

        Get-RefusedParameter $result.FirstError | Should -Contain 'Image'
        $result.Output | Should -BeNullOrEmpty
        Test-BytesEqual $pixels (Get-Pixels $image) | Should -BeTrue
    }

    It 'writes an error for an image whose overlay lives on another backend' {
        # A second backend, which users meet with two GPUs: here a second CPU backend, made through the internal types.
        $assembly = [PhotoFF.Imaging.CudaImage].Assembly
        $other = [Activator]::CreateInstance($assembly.GetType('PhotoFF.Backends.Cpu.CpuBackend', $true), [object[]]@([long]16MB))
        $create = [PhotoFF.Imaging.CudaImage].GetMethod('Create', [Reflection.BindingFlags]'NonPublic, Static', $null,
            [type[]]@([int], [int], [Nullable[PhotoFF.Imaging.Rgba]], $assembly.GetType('PhotoFF.Backends.IImageBackend', $true)), $null)
        try {
            $logo = $create.Invoke($null, [object[]]@(3, 3, [PhotoFF.Imaging.Rgba]::White, $other))
            $image = New-RandomImage 5 4 -Seed 19

            $result = Invoke-Captured { $image | Add-Overlay $logo }

            $result.FirstError.FullyQualifiedErrorId | Should -Be 'OverlayFailed,PhotoFF.Commands.AddOverlayCommand'
            $result.FirstError.Exception.Message | Should -BeLikeExactly '*backend*'
            $logo.Dispose()
        }
        finally { $other.Dispose() }
    }
}

Describe 'Join-CudaImage' {
    It 'builds one grid from the whole pipeline, disposing the inputs only with -DisposeInput' {
        $inputs = 1..5 | ForEach-Object { New-CudaImage ($_ * 3) ($_ * 2) Red }

        $grid = @($inputs | Join-CudaImage -Spacing 2 -Background Blue)

        $grid.Count | Should -Be 1
        $grid[0].Width | Should -Be (3 * 15 + 2 * 2)
        $grid[0].Height | Should -Be (2 * 10 + 2)
        @($inputs | Where-Object IsDisposed).Count | Should -Be 0

        $strip = $inputs | Join-CudaImage -Columns 5 -CellWidth 4 -CellHeight 4 -Fit Cover -DisposeInput

        "$($strip.Width)x$($strip.Height)" | Should -Be '20x4'
        @($inputs | Where-Object IsDisposed).Count | Should -Be 5
        Get-Pixel (Get-Pixels $strip) 0 | Should -Be @(255, 0, 0, 255)
    }

    It 'leaves out a disposed image with an error' {
        $gone = New-CudaImage 2 2
        Remove-CudaImage $gone

        $result = Invoke-Captured { (New-CudaImage 2 2 White), $gone, (New-CudaImage 2 2 White) | Join-CudaImage -Columns 2 }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -Be 'JoinCudaImageDisposedInput,PhotoFF.Commands.JoinCudaImageCommand'
        $result.Output.Count | Should -Be 1
        "$($result.Output[0].Width)x$($result.Output[0].Height)" | Should -Be '4x2'
    }

    It 'refuses <Arguments> at binding' -ForEach @(
        @{ Arguments = @{ Columns = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Arguments = @{ Spacing = -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Arguments = @{ CellWidth = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Arguments = @{ Fit = 'Stretch' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Arguments = @{ Background = 'NotAColor' }; ErrorId = 'ParameterArgumentTransformationError' }
    ) {
        $result = Invoke-Captured { New-CudaImage 2 2 | Join-CudaImage @Arguments }

        $result.Output | Should -BeNullOrEmpty
        $result.FirstError.FullyQualifiedErrorId | Should -Be "$ErrorId,PhotoFF.Commands.JoinCudaImageCommand"
    }
}

Describe 'New-TextImage' {
    It 'renders text in a colour, cropped to its ink, and wraps at -Width' -Skip:$noDejaVu {
        $text = New-TextImage 'PhotoFF' -Font 'DejaVu Sans' -Size 30 -Color Red

        $text | Should -BeOfType [PhotoFF.Imaging.CudaImage]
        $text.Width | Should -BeGreaterThan 50
        $text.Height | Should -BeGreaterThan 15
        ($text | Measure-CudaImage).Red.Maximum | Should -Be 255
        (New-TextImage -Text 'Wrap these words please' -Width 80 -Align Centre).Width | Should -BeLessOrEqual 80
    }

    It 'refuses <Script> with <ErrorId>' -ForEach @(
        @{ Script = { New-TextImage 'x' -Font ./missing-font.ttf }; ErrorId = 'FontNotFound' }
        @{ Script = { New-TextImage 'x' -Size 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { New-TextImage '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Script = { New-TextImage 'x' -Align Middle }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Script = { New-TextImage 'x' -Width 0 }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        $result = Invoke-Captured $Script

        $result.Output | Should -BeNullOrEmpty
        $result.FirstError.FullyQualifiedErrorId | Should -Be "$ErrorId,PhotoFF.Commands.NewTextImageCommand"
    }

    It 'refuses a font family that is not installed' -Skip:$noFontConfig {
        $result = Invoke-Captured { New-TextImage 'x' -Font 'No Such Family PhotoFF' }

        $result.Output | Should -BeNullOrEmpty
        $result.FirstError.FullyQualifiedErrorId | Should -Be 'FontNotFound,PhotoFF.Commands.NewTextImageCommand'
    }
}
