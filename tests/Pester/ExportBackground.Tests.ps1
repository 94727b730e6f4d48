# Export-CudaImage hands pixels to the background without waiting for the GPU: the image's own buffer when it is done
# with, a snapshot with -PassThru, so that the next cmdlet can change the image while its file is still being written.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'Export-CudaImage in the background' {
    BeforeEach {
        $out = New-Item (Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))) -ItemType Directory
    }

    It 'writes the image as it was when it reached Export, though -PassThru hands it on to be changed (<Format>)' -ForEach @(
        @{ Format = 'Png' }
        @{ Format = 'Jpeg' }
    ) {
        New-CudaImage 64 48 -Color '#2050A0' | Export-CudaImage (Join-Path $out snap) -Format $Format -PassThru | Invoke-Fill -Color White | Remove-CudaImage

        $written = Import-CudaImage (Get-ChildItem $out -File -Recurse)[0].FullName
        try {
            $pixel = Get-Pixel (Get-Pixels $written) (10 * 64 + 10)
            $pixel[0] | Should -BeIn (0x1D..0x23)
            $pixel[2] | Should -BeIn (0x9D..0xA3)
        }
        finally {
            $written | Remove-CudaImage
        }
    }

    It 'disposes the image it writes without -PassThru' {
        $image = New-CudaImage 16 16 -Color Red
        $image | Export-CudaImage (Join-Path $out red.png)

        $image.IsDisposed | Should -BeTrue
        $written = Import-CudaImage (Join-Path $out red.png)
        try {
            Get-Pixel (Get-Pixels $written) 0 | Should -Be 255, 0, 0, 255
        }
        finally {
            $written | Remove-CudaImage
        }
    }
}
