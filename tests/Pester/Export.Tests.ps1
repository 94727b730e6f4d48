# Export-CudaImage never loses or half-writes a file: -WhatIf, -NoClobber, -Force over a source, failures mid-batch,
# name collisions, and metadata stripped unless -KeepMetadata.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # The metadata fields of an image file, and one field's value, as libvips (the library the module ships) reads them.
    function Get-ImageFields([string] $Path) {
        $image = [NetVips.Image]::NewFromFile($Path)
        try { @($image.GetFields()) } finally { $image.Dispose() }
    }

    function Get-ImageField([string] $Path, [string] $Name) {
        $image = [NetVips.Image]::NewFromFile($Path)
        try { $image.Get($Name) } finally { $image.Dispose() }
    }

    # Every file under -Path, as paths relative to it.
    function Get-Written([string] $Path) {
        @(Get-ChildItem $Path -File -Recurse | ForEach-Object { [IO.Path]::GetRelativePath($Path, $_.FullName) } | Sort-Object)
    }
}

Describe 'Export-CudaImage' {
    BeforeEach {
        $out = New-Item (Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))) -ItemType Directory
    }

    It 'says what it would write, and writes nothing and makes no folder, with -WhatIf' {
        $run = Invoke-Pwsh @"
`$WarningPreference = 'SilentlyContinue'
Import-Module '$(Get-PhotoFFManifest)'
New-CudaImage 16 16 -Color Red | Export-CudaImage '$out/a.png' -WhatIf
New-CudaImage 8 8 | Export-CudaImage '$(Join-Path $out sub)' -WhatIf
"@

        $run.ExitCode | Should -Be 0 -Because $run.Error
        Get-Lines $run.Output | Should -Be @(
            "What if: Performing the operation `"Export image`" on target `"$out/a.png`"."
            "What if: Performing the operation `"Export image`" on target `"$(Join-Path $out sub image-0001.png)`"."
        )
        Get-Written $out | Should -BeNullOrEmpty
        Test-Path (Join-Path $out sub) | Should -BeFalse
    }

    It 'keeps an existing file byte for byte with -NoClobber' {
        $existing = Join-Path $out keep.png
        $original = [byte[]](0..999 | ForEach-Object { ($_ * 7) % 256 })
        [IO.File]::WriteAllBytes($existing, $original)

        $result = Invoke-Captured { New-CudaImage 16 16 -Color Blue | Export-CudaImage $existing -NoClobber }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        Test-BytesEqual $original ([IO.File]::ReadAllBytes($existing)) | Should -BeTrue
    }

    It 'leaves no partial file when one write of a batch fails, and writes the rest' {
        # A folder where the second image's file should go makes that one write fail.
        $blocker = New-Item (Join-Path $out portrait_2.png) -ItemType Directory
        $files = 1..4 | ForEach-Object { Get-TestImagePath exif orientation "portrait_$_.jpg" }

        $result = Invoke-Captured { $files | Import-CudaImage | Export-CudaImage $out -Format Png }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.TargetObject | Should -Not -BeNullOrEmpty
        Get-Written $out | Should -Be @('portrait_1.png', 'portrait_3.png', 'portrait_4.png')
        Get-ChildItem $blocker -Force | Should -BeNullOrEmpty
        Get-ChildItem $out -File | Import-CudaImage | ForEach-Object { $_.Width | Should -BeGreaterThan 0 }
    }

    It 'never writes an image over its own source without -Force' {
        $source = Join-Path $out photo.png
        Copy-Item (Get-TestImagePath pngsuite png basn6a08.png) $source
        $before = [IO.File]::ReadAllBytes($source)

        $refused = Invoke-Captured { Import-CudaImage $source | Invoke-GaussianBlur 3 | Export-CudaImage $out }

        $refused.AllErrors.Count | Should -Be 1
        $refused.FirstError.FullyQualifiedErrorId | Should -BeLike 'DestinationIsSource,*'
        Test-BytesEqual $before ([IO.File]::ReadAllBytes($source)) | Should -BeTrue

        Import-CudaImage $source | Invoke-GaussianBlur 3 | Export-CudaImage $out -Force -ErrorAction Stop
        Test-BytesEqual $before ([IO.File]::ReadAllBytes($source)) | Should -BeFalse
    }

    It 'does not let same-named sources from two folders overwrite each other' {
        $a = New-Item (Join-Path $TestDrive "a-$([guid]::NewGuid())") -ItemType Directory
        $b = New-Item (Join-Path $TestDrive "b-$([guid]::NewGuid())") -ItemType Directory
        Copy-Item (Get-TestImagePath pngsuite png basn6a08.png) (Join-Path $a same.png)
        Copy-Item (Get-TestImagePath pngsuite png basn2c08.png) (Join-Path $b same.png)

        $result = Invoke-Captured { Get-ChildItem $a, $b -Filter same.png | Import-CudaImage | Export-CudaImage $out }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -BeLike 'DestinationCollision,*'
        # The first image's file stands; the second was refused, not written over it.
        $written = Import-CudaImage (Join-Path $out same.png)
        $first = Import-CudaImage (Join-Path $a same.png)
        (Compare-CudaImage $written $first).Identical | Should -BeTrue
    }

    It 'strips metadata by default and keeps it, with orientation 1, on request' {
        $photo = Get-TestImagePath exif orientation landscape_6.jpg
        $camera = Get-TestImagePath photos Canon_40D.jpg

        Import-CudaImage $photo | Export-CudaImage "$out/plain.jpg" -ErrorAction Stop
        Import-CudaImage $photo | Export-CudaImage "$out/kept.jpg" -KeepMetadata -ErrorAction Stop
        Import-CudaImage $camera | Export-CudaImage "$out/camera.jpg" -KeepMetadata -ErrorAction Stop

        $plain = Get-ImageFields "$out/plain.jpg"
        $plain | Should -Not -Contain 'exif-data'
        $plain | Where-Object { $_ -like 'exif-ifd3*' } | Should -BeNullOrEmpty
        Get-ImageFields "$out/kept.jpg" | Should -Contain 'exif-data'
        Get-ImageField "$out/kept.jpg" orientation | Should -Be 1
        # The camera's EXIF fields survive -KeepMetadata.
        Get-ImageField "$out/camera.jpg" exif-ifd0-Make | Should -Be (Get-ImageField $camera exif-ifd0-Make)
        Get-ImageField "$out/camera.jpg" exif-ifd0-Model | Should -Be (Get-ImageField $camera exif-ifd0-Model)
    }

    It 'drops the GPS block of a phone photo by default' {
        $photo = Get-TestImagePath photos HMD_Nokia_8.3_5G.jpg
        Get-ImageFields $photo | Where-Object { $_ -like 'exif-ifd3*' } | Should -Not -BeNullOrEmpty

        Import-CudaImage $photo | Export-CudaImage $out -Format Jpeg -ErrorAction Stop

        $written = @(Get-ChildItem $out -File)
        $written.Count | Should -Be 1
        Get-ImageFields $written[0].FullName | Where-Object { $_ -like 'exif-*' } | Should -BeNullOrEmpty
    }
}
