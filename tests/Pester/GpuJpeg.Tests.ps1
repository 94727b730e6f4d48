# JPEG files on the GPU path, as users meet them: imported and exported through nvJPEG where the device has it, with the
# same outcome as the libvips path ($env:PHOTOFF_NVJPEG = 'off', in a fresh pwsh) for the errors, the orientation and
# the metadata. Skipped without a CUDA device or without libnvjpeg; with PHOTOFF_REQUIRE_CUDA=1 they run and fail.
BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    $skipGpuJpeg = $false
    if ($env:PHOTOFF_REQUIRE_CUDA -ne '1') {
        Import-PhotoFF
        $skipGpuJpeg = -not ((Get-CudaDevice).Where({ $_.InUse }).JpegCodec -like 'nvJPEG*')
    }
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # Runs a script in a fresh pwsh with nvJPEG turned off: the libvips path, for comparison.
    function Invoke-LibvipsPath([string] $Script) {
        $result = Invoke-Pwsh -Command "Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue; $Script" -Environment @{ PHOTOFF_NVJPEG = 'off' }
        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Output.Trim()
    }
}

Describe 'JPEG on the GPU' -Skip:$skipGpuJpeg {
    It 'Get-CudaDevice says the device in use decodes JPEG with nvJPEG' {
        $device = (Get-CudaDevice).Where({ $_.InUse })[0]
        $device.Backend | Should -Be 'Cuda'
        $device.JpegCodec | Should -BeLike 'nvJPEG 1*'
    }

    It 'imports a batch of photos upright, in input order, with their metadata' {
        $folder = Join-Path $TestDrive 'batch'
        [void](New-Item -ItemType Directory $folder)
        $sources = 'HMD_Nokia_8.3_5G.jpg', 'iphone_hdr_YES.jpg', 'jolla.jpg', 'Canon_40D.jpg'
        for ($i = 0; $i -lt 40; $i++) {
            Copy-Item (Get-TestImagePath photos $sources[$i % 4]) (Join-Path $folder ('{0:D2}.jpg' -f $i))
        }

        $images = Get-ChildItem $folder -Filter *.jpg | Sort-Object Name | Import-CudaImage
        try {
            $images.Count | Should -Be 40
            $images.ForEach({ [IO.Path]::GetFileName($_.SourcePath) }) | Should -Be ((0..39).ForEach({ '{0:D2}.jpg' -f $_ }))
            $images[0].Width, $images[0].Height | Should -Be 4608, 1976
            $images[3].Width, $images[3].Height | Should -Be 100, 68
            $images[2].Metadata.Xmp | Should -Not -BeNullOrEmpty
            $images[3].Metadata.Icc | Should -Not -BeNullOrEmpty
            $images.ForEach({ $_.BackendKind }) | Sort-Object -Unique | Should -Be 'Cuda'
        }
        finally {
            $images | Remove-CudaImage
        }
    }

    It 'decodes every sample photo to what the libvips path decodes' {
        $files = Get-ChildItem (Get-SamplePath photos) -Filter *.jpg | Sort-Object Name
        $expected = Invoke-LibvipsPath "Get-ChildItem '$(Get-SamplePath photos)' -Filter *.jpg | Sort-Object Name | Import-CudaImage | ForEach-Object { '{0}x{1}' -f `$_.Width, `$_.Height }"
        $gpu = $files | Import-CudaImage
        try {
            ($gpu.ForEach({ '{0}x{1}' -f $_.Width, $_.Height }) -join "`n") | Should -Be ($expected -replace "`r", '')
            foreach ($image in $gpu) {
                # ConvertTo-CudaImage decodes encoded bytes with libvips, onto the same device.
                $vips = ConvertTo-CudaImage -InputObject ([IO.File]::ReadAllBytes($image.SourcePath))
                try {
                    (Compare-CudaImage $image $vips).Psnr | Should -BeGreaterOrEqual 40 -Because $image.SourcePath
                }
                finally {
                    $vips | Remove-CudaImage
                }
            }
        }
        finally {
            $gpu | Remove-CudaImage
        }
    }

    It 'refuses a damaged JPEG with the error id of the libvips path' {
        $bad = Get-TestImagePath bad corrupted.jpg
        $expected = Invoke-LibvipsPath "Import-CudaImage -LiteralPath '$bad' -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId"

        Import-CudaImage -LiteralPath $bad -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be $expected
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageDecodeFailed,*'
    }

    It 'writes JPEG with no metadata by default, and with the EXIF, XMP and sRGB profile on request' {
        $out = Join-Path $TestDrive 'metadata'
        $photo = Get-TestImagePath photos Canon_40D.jpg
        Import-CudaImage $photo | Export-CudaImage (Join-Path $out 'plain.jpg')
        Import-CudaImage $photo | Export-CudaImage (Join-Path $out 'kept.jpg') -KeepMetadata

        $plain = Import-CudaImage (Join-Path $out 'plain.jpg')
        $kept = Import-CudaImage (Join-Path $out 'kept.jpg')
        Import-CudaImage (Get-TestImagePath photos jolla.jpg) | Export-CudaImage (Join-Path $out 'xmp.jpg') -KeepMetadata
        $xmp = Import-CudaImage (Join-Path $out 'xmp.jpg')
        try {
            $plain.Metadata.IsEmpty | Should -BeTrue
            $kept.Metadata.Exif | Should -Not -BeNullOrEmpty
            $kept.Metadata.Icc | Should -Not -BeNullOrEmpty
            $kept.Width, $kept.Height | Should -Be 100, 68
            $xmp.Metadata.Xmp | Should -Not -BeNullOrEmpty
        }
        finally {
            $plain, $kept, $xmp | Remove-CudaImage
        }
    }

    It 'writes a rotated photo upright, and its kept EXIF does not turn it again' {
        $out = Join-Path $TestDrive 'rotated'
        # Stored 450x600 with orientation 6 (a quarter turn): upright it is 600x450.
        $source = Import-CudaImage (Get-TestImagePath exif orientation landscape_6.jpg)
        $exif = $source.Metadata.Exif
        $source.Width, $source.Height | Should -Be 600, 450
        $source | Export-CudaImage (Join-Path $out 'upright.jpg') -KeepMetadata

        $written = Import-CudaImage (Join-Path $out 'upright.jpg')
        try {
            $written.Width, $written.Height | Should -Be 600, 450
            $written.Metadata.Exif.Length | Should -Be $exif.Length
        }
        finally {
            $written | Remove-CudaImage
        }
    }

    It 'writes JPEG close to the image at the default quality and reuses -Into''s buffer' {
        $out = Join-Path $TestDrive 'quality'
        $image = Import-CudaImage (Get-TestImagePath photos jolla.jpg) | Resize-CudaImage -Width 1920
        $image | Export-CudaImage (Join-Path $out 'jolla.jpg') -PassThru | Out-Null
        $into = New-CudaImage 1920 1440
        try {
            Import-CudaImage (Join-Path $out 'jolla.jpg') -Into $into | Out-Null
            $into.Width, $into.Height | Should -Be 1920, 1440
            (Compare-CudaImage $image $into).Psnr | Should -BeGreaterThan 35
        }
        finally {
            $image, $into | Remove-CudaImage
        }
    }
}
