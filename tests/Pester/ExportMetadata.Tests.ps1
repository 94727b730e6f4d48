# Export-CudaImage -KeepMetadata -ExcludeMetadata: what is excluded is gone from the written file, read back with
# exiftool (an independent reader; those checks are skipped where it is not installed) and with Get-ImageMetadata.

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    $noExiftool = -not (Get-Command exiftool -CommandType Application -ErrorAction Ignore)
    $formats = 'jpg', 'png', 'webp', 'avif' | ForEach-Object { @{ Extension = $_ } }
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # A photo with GPS, camera, lens, maker notes and a thumbnail, decoded once and made small so that encoding is quick;
    # each export writes a copy of it.
    $script:photo = Import-CudaImage (Get-TestImagePath photos iphone_hdr_YES.jpg) | Resize-CudaImage -Width 96
    function Export-Photo([string] $Name, [hashtable] $Arguments) {
        $script:photo | Copy-CudaImage | Export-CudaImage (Join-Path $TestDrive $Name) @Arguments
    }

    foreach ($extension in 'jpg', 'png', 'webp', 'avif') {
        Export-Photo "kept.$extension" @{ KeepMetadata = $true }
        Export-Photo "stripped.$extension" @{ KeepMetadata = $true; ExcludeMetadata = 'Gps' }
    }
    Export-Photo 'camera.jpg' @{ KeepMetadata = $true; ExcludeMetadata = 'Camera', 'Thumbnail' }

    # One exiftool run over every file written (it takes a third of a second to start): its tags by file name, numbers
    # as numbers; a file without any of the tags asked for has SourceFile alone.
    $script:exiftool = @{}
    if (Get-Command exiftool -CommandType Application -ErrorAction Ignore) {
        $tags = 'GPS:all', 'Composite:GPSPosition', 'GPSLatitude', 'Make', 'Model', 'LensModel', 'MakerNotes:all', 'ThumbnailLength', 'DateTimeOriginal'
        foreach ($entry in (& exiftool -j -n ($tags | ForEach-Object { "-$_" }) (Get-ChildItem $TestDrive -File).FullName 2>$null | ConvertFrom-Json)) {
            $script:exiftool[[IO.Path]::GetFileName($entry.SourceFile)] = $entry
        }
    }
}

AfterAll { $script:photo | Remove-CudaImage }

Describe 'Export-CudaImage -KeepMetadata -ExcludeMetadata' {
    It 'keeps the position with -KeepMetadata alone and removes every GPS tag with -ExcludeMetadata Gps (<Extension>)' -ForEach $formats {
        (Get-ImageMetadata (Join-Path $TestDrive "kept.$Extension")).Gps.Latitude | Should -BeGreaterThan 40.44
        $ours = Get-ImageMetadata (Join-Path $TestDrive "stripped.$Extension")
        $ours.Gps | Should -BeNullOrEmpty
        $ours.Camera | Should -Be 'Apple iPhone 6'
        $ours.DateTaken | Should -Be ([datetime]'2015-04-10T20:12:23.550')
    }

    It 'leaves no GPS tag at all in the file, as exiftool reads it (<Extension>)' -ForEach $formats -Skip:$noExiftool {
        $script:exiftool["kept.$Extension"].GPSLatitude | Should -BeGreaterThan 40.44
        $stripped = $script:exiftool["stripped.$Extension"]
        @($stripped.PSObject.Properties.Name | Where-Object { $_ -like 'GPS*' }) | Should -BeNullOrEmpty
        $stripped.Make | Should -Be 'Apple'
        $stripped.DateTimeOriginal | Should -Be '2015:04:10 20:12:23'
    }

    It 'removes make, model, lens and maker notes with Camera, and the thumbnail with Thumbnail' -Skip:$noExiftool {
        $before = $script:exiftool['kept.jpg']
        $before.Make | Should -Be 'Apple'
        $before.LensModel | Should -Not -BeNullOrEmpty
        $before.ThumbnailLength | Should -BeGreaterThan 0
        $before.RunTimeValue | Should -Not -BeNullOrEmpty -Because 'the Apple maker notes are there'
        $after = $script:exiftool['camera.jpg']
        @($after.PSObject.Properties.Name | Where-Object { $_ -notlike 'GPS*' } | Sort-Object) | Should -Be 'DateTimeOriginal', 'SourceFile'
        $after.GPSLatitude | Should -BeGreaterThan 40.44
    }

    It 'refuses -ExcludeMetadata without -KeepMetadata before writing anything' {
        $path = Join-Path $TestDrive 'refused.jpg'

        { New-CudaImage 8 8 | Export-CudaImage $path -ExcludeMetadata Gps } |
            Should -Throw -ErrorId 'ExcludeMetadataWithoutKeepMetadata,PhotoFF.Commands.ExportCudaImageCommand'
        Test-Path $path | Should -BeFalse
    }

    It 'leaves a damaged EXIF block out with a warning instead of risking the position' {
        $source = Join-Path $TestDrive 'broken-exif.jpg'
        $bytes = [IO.File]::ReadAllBytes((Get-TestImagePath photos Canon_40D.jpg))
        $exif = [Text.Encoding]::Latin1.GetString($bytes).IndexOf("Exif`0`0")
        $bytes[$exif + 13] = 0x7F   # little-endian: the primary directory's offset, far outside the block
        [IO.File]::WriteAllBytes($source, $bytes)
        $path = Join-Path $TestDrive 'shared.jpg'

        Import-CudaImage -LiteralPath $source |
            Export-CudaImage $path -KeepMetadata -ExcludeMetadata Gps -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*shared.jpg*EXIF block was left out*Gps*'
        (Get-ImageMetadata $path).DateTaken | Should -BeNullOrEmpty
    }

    It 'does the same for ConvertFrom-CudaImage' {
        $kept = ,($script:photo | ConvertFrom-CudaImage -Format Jpeg -KeepMetadata) | ConvertTo-CudaImage
        $stripped = ,($script:photo | ConvertFrom-CudaImage -Format Jpeg -KeepMetadata -ExcludeMetadata Gps) | ConvertTo-CudaImage

        $kept.Metadata.Gps.Latitude | Should -BeGreaterThan 40.44
        $stripped.Metadata.Gps | Should -BeNullOrEmpty
        $stripped.Metadata.Camera | Should -Be 'Apple iPhone 6'
        $kept, $stripped | Remove-CudaImage
    }
}
