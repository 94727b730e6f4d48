# HEIC photos as users convert them: Get-ChildItem *.HEIC | Import-CudaImage | Export-CudaImage -Format Jpeg. On the CPU
# the system's libheif decodes (skipped where it is not installed, unless PHOTOFF_REQUIRE_LIBHEIF=1 as in CI); on a CUDA
# device NVDEC does (skipped without one, unless PHOTOFF_REQUIRE_CUDA=1).

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    $skipCuda = Test-SkipCuda
    $names = if ($IsWindows) { 'heif.dll', 'libheif.dll' } else { 'libheif.so.1' }
    $handle = [IntPtr]::Zero
    $haveLibHeif = @($names | Where-Object { [Runtime.InteropServices.NativeLibrary]::TryLoad($_, [ref] $handle) }).Count -gt 0
    $skipLibHeif = -not $haveLibHeif -and $env:PHOTOFF_REQUIRE_LIBHEIF -ne '1'
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
    $fixtures = [IO.Path]::Combine($PSScriptRoot, '..', 'fixtures', 'heic')

    # A folder of phone-like files: the iPhone photo, a grid, a turned one, one with alpha, and a damaged one.
    function New-HeicFolder([string] $Path) {
        $null = New-Item -ItemType Directory -Path $Path -Force
        Copy-Item (Get-TestImagePath photos IMG_5195.HEIC) (Join-Path $Path 'IMG_5195.HEIC')
        Copy-Item (Join-Path $fixtures grid.heic) (Join-Path $Path 'IMG_0002.HEIC')
        Copy-Item (Join-Path $fixtures rotated.heic) (Join-Path $Path 'IMG_0003.HEIC')
        Copy-Item (Join-Path $fixtures grid-alpha.heic) (Join-Path $Path 'IMG_0004.HEIC')
        $bytes = [IO.File]::ReadAllBytes((Join-Path $fixtures grid.heic))
        [IO.File]::WriteAllBytes((Join-Path $Path 'IMG_0005.HEIC'), $bytes[0..599])
    }

    $expected = @{ IMG_5195 = '2566x3313'; IMG_0002 = '260x200'; IMG_0003 = '144x176'; IMG_0004 = '260x220' }
}

Describe 'HEIC photos to JPEG' {
    It 'converts a folder of HEIC files on the CPU with libheif, and reports the damaged one' -Skip:$skipLibHeif {
        $folder = Join-Path $TestDrive 'cpu'
        New-HeicFolder $folder
        $out = Join-Path $TestDrive 'cpu-out'
        $script = @"
Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue
Set-Location '$folder'
Get-ChildItem *.HEIC | Import-CudaImage -ErrorVariable failed -ErrorAction SilentlyContinue | Export-CudaImage '$out' -Format Jpeg
`$failed | ForEach-Object { 'error:' + `$_.FullyQualifiedErrorId + ':' + `$_.TargetObject }
Get-ChildItem '$out' -Filter *.jpg | Sort-Object Name | ForEach-Object { `$i = Import-CudaImage -LiteralPath `$_.FullName; 'file:' + `$_.BaseName + ':' + `$i.Width + 'x' + `$i.Height + ':' + `$i.BackendKind }
"@
        $run = Invoke-Pwsh -Command $script -Environment @{ PHOTOFF_BACKEND = 'Cpu' }

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $files = $run.Output -split "`n" | Where-Object { $_ -like 'file:*' } | ForEach-Object { $_.Trim() }
        $files | Should -Be @($expected.Keys | Sort-Object | ForEach-Object { "file:$($_):$($expected[$_]):Cpu" })
        $errors = @($run.Output -split "`n" | Where-Object { $_ -like 'error:*' })
        $errors.Count | Should -Be 1
        $errors[0] | Should -BeLike 'error:ImageDecodeFailed,*IMG_0005.HEIC*'
    }

    It 'converts a folder of HEIC files on the GPU with NVDEC' -Skip:$skipCuda {
        $folder = Join-Path $TestDrive 'gpu'
        New-HeicFolder $folder
        # Without the damaged file, and without the one whose alpha plane is monochrome HEVC, which some GPUs' decoders
        # do not take (the xunit GPU tests check that case, with libheif as the fallback).
        Remove-Item (Join-Path $folder 'IMG_0005.HEIC'), (Join-Path $folder 'IMG_0004.HEIC')
        $out = Join-Path $TestDrive 'gpu-out'

        Push-Location $folder
        try {
            $images = @(Get-ChildItem *.HEIC | Import-CudaImage)
            $images.BackendKind | Sort-Object -Unique | Should -Be 'Cuda'
            $images | Export-CudaImage $out -Format Jpeg
        }
        finally {
            Pop-Location
        }

        foreach ($file in Get-ChildItem $out -Filter *.jpg) {
            $image = Import-CudaImage -LiteralPath $file.FullName
            "$($image.Width)x$($image.Height)" | Should -Be $expected[$file.BaseName]
            $image.Dispose()
        }
        (Get-ChildItem $out -Filter *.jpg).Count | Should -Be 3
    }

    It 'reads the photo the same on the GPU as the reference decode of the same fixture' -Skip:$skipCuda {
        $image = Import-CudaImage -LiteralPath (Join-Path $fixtures 'grid-transformed.heic')
        $reference = Import-CudaImage -LiteralPath (Join-Path $fixtures 'grid-transformed.png')

        $comparison = Compare-CudaImage -InputObject $image -ReferenceImage $reference

        $comparison.MaxDifference | Should -BeLessOrEqual 1
        "$($image.Width)x$($image.Height)" | Should -Be '157x201'
    }
}
