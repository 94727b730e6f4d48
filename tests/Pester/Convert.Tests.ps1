# ConvertTo-CudaImage and ConvertFrom-CudaImage: images to and from encoded bytes, streams and raw RGBA.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'Raw RGBA bytes' {
    It 'round-trip exactly and leave the image alive' {
        $pixels = New-RandomPixels 13 7 -Seed 21

        $image = ConvertTo-CudaImage -InputObject $pixels -Raw -Width 13 -Height 7
        $back = $image | ConvertFrom-CudaImage -Raw

        $image.Width | Should -Be 13
        $image.Height | Should -Be 7
        $back -is [byte[]] | Should -BeTrue
        Test-BytesEqual $pixels $back | Should -BeTrue
        $image.IsDisposed | Should -BeFalse
    }

    It 'unrolled by the pipeline are gathered into one image' {
        $pixels = New-RandomPixels 3 2 -Seed 22

        $unrolled = @($pixels | ConvertTo-CudaImage -Raw -Width 3 -Height 2)
        $whole = @(, $pixels | ConvertTo-CudaImage -Raw -Width 3 -Height 2)

        $unrolled.Count | Should -Be 1
        $whole.Count | Should -Be 1
        Test-BytesEqual $pixels ($unrolled[0] | ConvertFrom-CudaImage -Raw) | Should -BeTrue
        Test-BytesEqual $pixels ($whole[0] | ConvertFrom-CudaImage -Raw) | Should -BeTrue
    }

    It 'of the wrong length are a clear error' {
        $result = Invoke-Captured { ConvertTo-CudaImage -InputObject ([byte[]]::new(10)) -Raw -Width 2 -Height 2 }

        $result.Output | Should -BeNullOrEmpty
        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -Be 'ConvertToCudaImageRawSizeMismatch,PhotoFF.Commands.ConvertToCudaImageCommand'
        $result.FirstError.Exception.Message | Should -BeLikeExactly '*2x2 raw RGBA image has 16 bytes; 10 were given*'
    }
}

Describe 'Conversions refuse bad arguments' {
    It 'refuses <Script> at binding' -ForEach @(
        @{ Script = { ConvertTo-CudaImage -InputObject ([byte[]]::new(4)) -Raw -Width 0 -Height 1 }; ErrorId = 'ParameterArgumentValidationError,PhotoFF.Commands.ConvertToCudaImageCommand' }
        @{ Script = { ConvertTo-CudaImage -InputObject $null -Raw -Width 1 -Height 1 }; ErrorId = 'ParameterArgumentValidationError,PhotoFF.Commands.ConvertToCudaImageCommand' }
        @{ Script = { ConvertFrom-CudaImage -InputObject $null -Raw }; ErrorId = 'ParameterArgumentValidationError,PhotoFF.Commands.ConvertFromCudaImageCommand' }
        @{ Script = { New-CudaImage 1 1 | ConvertFrom-CudaImage -Format Jpeg -Quality 0 }; ErrorId = 'ParameterArgumentValidationError,PhotoFF.Commands.ConvertFromCudaImageCommand' }
    ) {
        $result = Invoke-Captured $Script

        $result.Output | Should -BeNullOrEmpty
        $result.FirstError.FullyQualifiedErrorId | Should -Be $ErrorId
    }

    It 'reports a disposed image and converts the rest' {
        $gone = New-CudaImage 1 1
        Remove-CudaImage $gone

        $result = Invoke-Captured { $gone, (New-CudaImage 1 1 White) | ConvertFrom-CudaImage -Raw }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -Be 'ConvertFromCudaImageFailed,PhotoFF.Commands.ConvertFromCudaImageCommand'
        $result.Output.Count | Should -Be 1
        Test-BytesEqual ([byte[]](255, 255, 255, 255)) $result.Output[0] | Should -BeTrue
    }

    It 'reports bytes that are no image and converts the rest' {
        $good = New-CudaImage 2 2 White | ConvertFrom-CudaImage

        $result = Invoke-Captured { ([byte[]](1, 2, 3, 4, 5)), $good | ForEach-Object { , $_ } | ConvertTo-CudaImage }

        $result.FirstError.FullyQualifiedErrorId | Should -Be 'UnsupportedImageFormat,PhotoFF.Commands.ConvertToCudaImageCommand'
        $result.Output.Count | Should -Be 1
        $result.Output[0] | Should -BeOfType [PhotoFF.Imaging.CudaImage]
    }
}

Describe 'Encoded bytes and streams' {
    It 'PNG round-trips exactly through bytes, unrolled bytes and a stream' {
        $pixels = New-RandomPixels 33 17 -Seed 23
        $image = ConvertTo-CudaImage -InputObject $pixels -Raw -Width 33 -Height 17

        $png = $image | ConvertFrom-CudaImage
        $stream = [IO.MemoryStream]::new()
        $image | ConvertFrom-CudaImage -Format Png -Stream $stream
        $stream.Position = 0

        [Convert]::ToHexString($png, 0, 4) | Should -Be '89504E47'
        Test-BytesEqual $pixels (, $png | ConvertTo-CudaImage | ConvertFrom-CudaImage -Raw) | Should -BeTrue
        Test-BytesEqual $pixels ($png | ConvertTo-CudaImage | ConvertFrom-CudaImage -Raw) | Should -BeTrue
        Test-BytesEqual $pixels ($stream | ConvertTo-CudaImage | ConvertFrom-CudaImage -Raw) | Should -BeTrue
    }

    It 'encodes and decodes <Format>' -ForEach @(
        @{ Format = 'Png'; Magic = '89504E47'; Offset = 0 }
        @{ Format = 'Jpeg'; Magic = 'FFD8FF'; Offset = 0 }
        @{ Format = 'Webp'; Magic = '57454250'; Offset = 8 }
        @{ Format = 'Tiff'; Magic = ''; Offset = 0 }
        @{ Format = 'Gif'; Magic = '474946'; Offset = 0 }
        @{ Format = 'Avif'; Magic = '66747970'; Offset = 4 }
    ) {
        $pixels = New-RandomPixels 24 16 -Seed 24 -Opaque

        $encoded = ConvertTo-CudaImage -InputObject $pixels -Raw -Width 24 -Height 16 | ConvertFrom-CudaImage -Format $Format
        $back = , $encoded | ConvertTo-CudaImage

        [Convert]::ToHexString($encoded, $Offset, $Magic.Length / 2) | Should -Be $Magic
        $back.Width | Should -Be 24
        $back.Height | Should -Be 16
    }

    It 'honours the JPEG quality' {
        $image = New-RandomImage 64 64 -Seed 25 -Opaque

        $low = $image | ConvertFrom-CudaImage -Format Jpeg -Quality 10
        $high = $image | ConvertFrom-CudaImage -Format Jpeg -Quality 95

        $low.Length | Should -BeLessThan $high.Length
    }
}
