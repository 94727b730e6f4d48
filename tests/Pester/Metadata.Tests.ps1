# Get-ImageMetadata as users meet it: the values cross-checked with exiftool (Debian's libimage-exiftool-perl, which
# .ci/run installs), binding like Import-CudaImage, errors and warnings per file, the table view, and the same values
# on imported images.

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    $noExiftool = -not (Get-Command exiftool -CommandType Application -ErrorAction Ignore)
    $photos = @(Get-ChildItem (Get-TestImagePath photos), (Get-TestImagePath exif orientation) -File |
        Where-Object Extension -in '.jpg', '.heic', '.tiff' | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # exiftool's date as [DateTimeOffset] when it has an offset, else [DateTime]: SubSecDateTimeOriginal when exiftool
    # composes one (fraction and/or offset), else DateTimeOriginal.
    function ConvertFrom-ExifDate([string] $Text) {
        if ($Text -notmatch '^(\d{4}):(\d\d):(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-]\d\d:\d\d)?$') { return $null }
        $local = [datetime]::ParseExact("$($Matches[1])-$($Matches[2])-$($Matches[3])T$($Matches[4]):$($Matches[5]):$($Matches[6])", 's', [cultureinfo]::InvariantCulture)
        if ($Matches[7]) { $local = $local.AddTicks([long]([double]"0$($Matches[7])" * 1e7)) }
        if ($Matches[8]) { return [DateTimeOffset]::new($local, [TimeSpan]::Parse($Matches[8].TrimStart('+'))) }
        $local
    }
}

Describe 'Get-ImageMetadata' {
    Context 'values, cross-checked with exiftool' -Skip:$noExiftool {
        BeforeAll {
            $tags = 'ImageWidth', 'ImageHeight', 'Orientation', 'DateTimeOriginal', 'SubSecDateTimeOriginal', 'Make', 'Model',
                'LensModel', 'ExposureTime', 'FNumber', 'ISO', 'FocalLength', 'GPSLatitude', 'GPSLongitude', 'GPSAltitude', 'ProfileDescription'
            $paths = @(Get-ChildItem (Get-TestImagePath photos), (Get-TestImagePath exif orientation) -File |
                Where-Object Extension -in '.jpg', '.heic', '.tiff')
            $script:exiftool = @{}
            foreach ($entry in (& exiftool -j -n ($tags | ForEach-Object { "-$_" }) $paths.FullName 2>$null | ConvertFrom-Json)) {
                $script:exiftool[[IO.Path]::GetFullPath($entry.SourceFile)] = $entry
            }
            $script:ours = @{}
            foreach ($record in ($paths | Get-ImageMetadata -WarningAction Stop)) { $script:ours[$record.Path] = $record }
        }

        It 'reads <Name> as exiftool does' -ForEach $photos {
            $expected = $script:exiftool[$Path]
            $actual = $script:ours[$Path]
            $actual | Should -Not -BeNullOrEmpty

            $orientation = if ($null -ne $expected.Orientation -and $actual.Format -ne 'heif') { [int]$expected.Orientation } else { 1 }
            $actual.Orientation | Should -Be $orientation
            $actual.StoredWidth | Should -Be $expected.ImageWidth
            $actual.StoredHeight | Should -Be $expected.ImageHeight
            if ($orientation -ge 5) { $actual.Width | Should -Be $expected.ImageHeight } else { $actual.Width | Should -Be $expected.ImageWidth }

            $date = ConvertFrom-ExifDate ($expected.SubSecDateTimeOriginal ?? $expected.DateTimeOriginal)
            if ($null -eq $date) { $actual.DateTaken | Should -BeNullOrEmpty }
            else {
                $actual.DateTaken | Should -BeOfType $date.GetType()
                $actual.DateTaken | Should -Be $date
                if ($date -is [DateTimeOffset]) { $actual.DateTaken.Offset | Should -Be $date.Offset }
            }

            $actual.Make | Should -Be ($expected.Make ?? $null)
            $actual.Model | Should -Be ($expected.Model ?? $null)
            $actual.Lens | Should -Be ($expected.LensModel ?? $null)
            foreach ($pair in @(('ExposureTime', 'ExposureTime'), ('FNumber', 'FNumber'), ('Iso', 'ISO'), ('FocalLength', 'FocalLength'))) {
                $value = $expected.($pair[1])
                if ($null -eq $value) { $actual.($pair[0]) | Should -BeNullOrEmpty -Because $pair[0] }
                else { $actual.($pair[0]) | Should -BeGreaterOrEqual ($value - 1e-6) -Because $pair[0]; $actual.($pair[0]) | Should -BeLessOrEqual ($value + 1e-6) -Because $pair[0] }
            }

            if ($null -eq $expected.GPSLatitude) { $actual.Gps | Should -BeNullOrEmpty }
            else {
                [math]::Abs($actual.Gps.Latitude - $expected.GPSLatitude) | Should -BeLessThan 1e-9
                [math]::Abs($actual.Gps.Longitude - $expected.GPSLongitude) | Should -BeLessThan 1e-9
                if ($null -eq $expected.GPSAltitude) { $actual.Gps.Altitude | Should -BeNullOrEmpty }
                else { [math]::Abs($actual.Gps.Altitude - $expected.GPSAltitude) | Should -BeLessThan 1e-6 }
            }

            $actual.ColorProfile | Should -Be ($expected.ProfileDescription ?? $null)
        }
    }

    Context 'binding and errors' {
        It 'takes Get-ChildItem output by property name, in input order' {
            $files = Get-ChildItem (Get-TestImagePath exif orientation) -Filter 'portrait_*.jpg'

            $records = $files | Get-ImageMetadata

            $records.Path | Should -Be $files.FullName
            $records[0] | Should -BeOfType ([PhotoFF.Codecs.ImageFileMetadata])
        }

        It 'expands wildcards in -Path, and a wildcard that matches nothing writes nothing' {
            $records = Get-ImageMetadata (Get-TestImagePath exif orientation 'landscape_[1-3].jpg') -ErrorVariable problems

            $records.Orientation | Should -Be 1, 2, 3
            Get-ImageMetadata (Get-TestImagePath exif orientation '*.nothing') -ErrorVariable none | Should -BeNullOrEmpty
            $none | Should -BeNullOrEmpty
        }

        It 'takes -LiteralPath as written, brackets included' {
            $file = Join-Path $TestDrive 'shot [1].jpg'
            Copy-Item -LiteralPath (Get-TestImagePath photos Canon_40D.jpg) -Destination $file

            (Get-ImageMetadata -LiteralPath $file).Camera | Should -Be 'Canon EOS 40D'
        }

        It 'reports a missing file, a file that is not an image and a path of another provider, and goes on' {
            $text = Join-Path $TestDrive 'notes.jpg'
            Set-Content -LiteralPath $text -Value 'not a photo'

            $records = Get-ImageMetadata (Join-Path $TestDrive 'missing.jpg'), $text, 'Env:\PATH', (Get-TestImagePath photos jolla.jpg) -ErrorVariable problems -ErrorAction SilentlyContinue

            $records.Camera | Should -Be 'Jolla'
            # Paths are resolved as they arrive, files read behind them: sorted, as the order of the two kinds differs.
            $problems.FullyQualifiedErrorId | Sort-Object | Should -Be 'FileNotFound,PhotoFF.Commands.GetImageMetadataCommand',
                'NotFileSystemPath,PhotoFF.Commands.GetImageMetadataCommand', 'UnsupportedImageFormat,PhotoFF.Commands.GetImageMetadataCommand'
        }

        It 'warns about a damaged EXIF block and still writes the size' {
            $file = Join-Path $TestDrive 'broken-exif.jpg'
            $bytes = [IO.File]::ReadAllBytes((Get-TestImagePath photos jolla.jpg))
            $exif = [Text.Encoding]::Latin1.GetString($bytes).IndexOf("Exif`0`0")
            $bytes[$exif + 10] = 0xF0; $bytes[$exif + 13] = 0x7F   # the primary directory's offset, far outside the block
            [IO.File]::WriteAllBytes($file, $bytes)

            $record = Get-ImageMetadata -LiteralPath $file -WarningVariable warnings -WarningAction SilentlyContinue

            $record.Width | Should -Be 3264
            $record.DateTaken | Should -BeNullOrEmpty
            $warnings.Count | Should -Be 1
            $warnings[0].Message | Should -BeLike "*broken-exif.jpg*EXIF block is damaged*"
        }

        It 'refuses a -ThrottleLimit of 0 before reading anything' {
            { Get-ImageMetadata (Get-TestImagePath photos jolla.jpg) -ThrottleLimit 0 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,PhotoFF.Commands.GetImageMetadataCommand'
        }
    }

    Context 'views and images' {
        It 'shows a table of name, format, size, date taken, camera and position' {
            $table = Get-ImageMetadata (Get-TestImagePath photos HMD_Nokia_8.3_5G.jpg) | Format-Table | Out-String -Width 200

            $table | Should -Match 'Name\s+Format\s+Width\s+Height\s+DateTaken\s+Camera\s+Gps'
            $table | Should -Match 'HMD_Nokia_8\.3_5G\.jpg\s+jpeg\s+4608\s+1976\s+2022-08-14 14:12:31 \+03:00\s+HMD Global Nokia 8\.3 5G\s+60\.146706, 24\.906772'
        }

        It 'gives an imported image the same values by name' {
            $path = Get-TestImagePath photos iphone_hdr_YES.jpg
            $record = Get-ImageMetadata $path
            $image = Import-CudaImage $path

            $image.Metadata.DateTaken | Should -Be $record.DateTaken
            $image.Metadata.Camera | Should -Be 'Apple iPhone 6'
            $image.Metadata.Gps.Latitude | Should -Be $record.Gps.Latitude
            $image.Metadata.Gps.Altitude | Should -Be $record.Gps.Altitude
            $image.Metadata.Lens | Should -Be $record.Lens
            $image | Remove-CudaImage
        }
    }
}
