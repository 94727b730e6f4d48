# What long batches tell as they go: -Verbose per file, progress (also for files from the pipeline, which have no total),
# and one Write-Information summary at the end.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
    $script:files = @(Get-ChildItem (Get-TestImagePath exif orientation) -Filter '*.jpg' | Sort-Object Name)
    $script:megapixels = ($script:files.Count * 600 * 450 / 1e6).ToString('0.0', [cultureinfo]::InvariantCulture)

    # The progress records of -Script, run in a runspace of its own (progress cannot be redirected), and its output.
    function Get-ProgressOf([string] $Script) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue`n$Script")
            $output = $shell.Invoke()
            $shell.Streams.Error | Should -BeNullOrEmpty
            [pscustomobject]@{ Output = $output; Progress = @($shell.Streams.Progress) }
        }
        finally { $shell.Dispose() }
    }

    function Get-KilobyteText([long] $Bytes) {
        if ($Bytes -lt 1MB) { ($Bytes / 1KB).ToString('0.#', [cultureinfo]::InvariantCulture) + ' KB' }
        else { ($Bytes / 1MB).ToString('0.0', [cultureinfo]::InvariantCulture) + ' MB' }
    }
}

Describe 'Import-CudaImage feedback' {
    It 'says per file with -Verbose what was read, how big, by which decoder, how long and onto which backend' {
        $records = @($script:files | Import-CudaImage -Verbose 4>&1)

        $verbose = @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] })
        $images = @($records | Where-Object { $_ -is [PhotoFF.Imaging.CudaImage] })
        $verbose.Count | Should -Be $script:files.Count
        $images.Count | Should -Be $script:files.Count
        for ($i = 0; $i -lt $script:files.Count; $i++) {
            $file = $script:files[$i]
            $expected = '^{0}: {1}, jpeg {2}x{3}, decoded (by libvips|on the GPU) in \d+ ms, to {4} \((device \d+, )?{5}\)\.$' -f [regex]::Escape($file.FullName),
                [regex]::Escape((Get-KilobyteText $file.Length)), $images[$i].Width, $images[$i].Height, $images[$i].BackendKind, [regex]::Escape($images[$i].Device)
            $verbose[$i].Message | Should -Match $expected
        }
        $images | Remove-CudaImage
    }

    It 'writes one information line at the end: images, megapixels, seconds, and how many failed' {
        $broken = Join-Path $TestDrive 'broken.jpg'
        Set-Content -LiteralPath $broken -Value 'not a photo'

        $images = @($script:files + (Get-Item $broken) | Import-CudaImage -InformationVariable summary -ErrorAction SilentlyContinue)

        $images.Count | Should -Be $script:files.Count
        $summary.Count | Should -Be 1
        $summary[0].Tags | Should -Contain 'PhotoFF'
        $summary[0].MessageData | Should -Match ('^Import-CudaImage: {0} images imported \(1 failed\), {1} megapixels, in \d+\.\d\d s\.$' -f $script:files.Count, [regex]::Escape($script:megapixels))
        $images | Remove-CudaImage
    }

    It 'shows progress for files from the pipeline: the count so far, no percentage, then completed' {
        $run = Get-ProgressOf "Get-ChildItem '$(Get-TestImagePath exif orientation)' -Filter *.jpg | Import-CudaImage | Remove-CudaImage"

        $records = @($run.Progress | Where-Object Activity -eq 'Importing images')
        $running = @($records | Where-Object RecordType -eq 'Processing')
        $running.Count | Should -BeGreaterThan 0
        $running | ForEach-Object { $_.StatusDescription | Should -Match '^\d+ images so far: \w+_\d\.jpg$'; $_.PercentComplete | Should -Be -1 }
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'shows progress with a percentage when a wildcard gives the total' {
        $run = Get-ProgressOf "Import-CudaImage '$(Get-TestImagePath exif orientation '*.jpg')' | Remove-CudaImage"

        $running = @($run.Progress | Where-Object { $_.Activity -eq 'Importing images' -and $_.RecordType -eq 'Processing' })
        $running.Count | Should -BeGreaterThan 0
        $running[0].StatusDescription | Should -Match "^2 of $($script:files.Count): "
        $running[0].PercentComplete | Should -Be ([int](2 * 100 / $script:files.Count))
    }
}

Describe 'Export-CudaImage feedback' {
    It 'says per file with -Verbose where it wrote, how many bytes, what and how long' {
        $out = Join-Path $TestDrive 'out'

        $records = @($script:files | Select-Object -First 3 | Import-CudaImage | Export-CudaImage $out -Format Png -Verbose 4>&1)

        $wrote = @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Wrote *' })
        $wrote.Count | Should -Be 3
        foreach ($record in $wrote) {
            $record.Message -match '^Wrote (?<path>.+\.png): (?<size>[\d.]+ [KM]B), Png (600x450|450x600), encoded by libvips and written in \d+ ms\.$' |
                Should -BeTrue -Because $record.Message
            Test-Path -LiteralPath $Matches.path | Should -BeTrue
            $Matches.size | Should -Be (Get-KilobyteText (Get-Item -LiteralPath $Matches.path).Length)
        }
    }

    It 'writes one information line at the end with the bytes written' {
        $out = Join-Path $TestDrive 'summary'

        $script:files | Import-CudaImage | Export-CudaImage $out -InformationVariable summary

        $bytes = (Get-ChildItem $out | Measure-Object Length -Sum).Sum
        $summary.Count | Should -Be 1
        $summary[0].MessageData | Should -Match ('^Export-CudaImage: {0} images exported, {1} megapixels, {2} written, in \d+\.\d\d s\.$' -f $script:files.Count,
            [regex]::Escape($script:megapixels), [regex]::Escape((Get-KilobyteText $bytes)))
    }

    It 'shows progress as the files are written, and writes no summary for -WhatIf' {
        $out = Join-Path $TestDrive 'progress'
        $run = Get-ProgressOf "Get-ChildItem '$(Get-TestImagePath exif orientation)' -Filter *.jpg | Import-CudaImage | Export-CudaImage '$out'"

        $records = @($run.Progress | Where-Object Activity -eq 'Exporting images')
        @($records | Where-Object RecordType -eq 'Processing')[0].StatusDescription | Should -Match '^\d+ images so far: \w+_\d\.jpg$'
        $records[-1].RecordType | Should -Be 'Completed'

        $script:files | Import-CudaImage | Export-CudaImage (Join-Path $TestDrive 'none') -WhatIf -InformationVariable none
        $none | Should -BeNullOrEmpty
    }
}

Describe 'Get-ImageMetadata feedback' {
    It 'says per file what it read, and sums up the batch' {
        $records = @($script:files | Get-ImageMetadata -Verbose -InformationVariable summary 4>&1)

        @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message |
            Should -Match '^/.+\.jpg: jpeg (600x450|450x600), read in \d+ ms\.$'
        $summary[0].MessageData | Should -Match ('^Get-ImageMetadata: {0} files read, {1} megapixels, in \d+\.\d\d s\.$' -f $script:files.Count, [regex]::Escape($script:megapixels))
    }
}
