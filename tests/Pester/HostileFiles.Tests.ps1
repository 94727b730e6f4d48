# Hostile but realistic use of files and paths (issue 6, items 1, 3 and 8): links to the sources, FIFOs, odd
# destinations, read-only files, images without a source, empty input, animations and the largest image.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'HostileSupport.psm1')) -Force
    Import-PhotoFF

    # A fresh folder holding two small real photos, writable; returns its path.
    function New-PhotoFolder([string] $Name) {
        $folder = Join-Path $TestDrive "$Name-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $folder | Out-Null
        Copy-Item -LiteralPath (Get-TestImagePath photos Canon_40D.jpg), (Get-TestImagePath exif orientation landscape_1.jpg) -Destination $folder
        Get-ChildItem -LiteralPath $folder | ForEach-Object { $_.IsReadOnly = $false }
        $folder
    }

    function Get-Hashes([string] $Folder) { (Get-ChildItem -LiteralPath $Folder -File | Get-FileHash).Hash }
}

Describe 'Export-CudaImage never writes over a source reached another way' -Skip:$IsWindows {
    It 'refuses a destination folder that is a link to the source folder, and the sources stay as they were' {
        $source = New-PhotoFolder src
        $link = Join-Path $TestDrive "link-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType SymbolicLink -Path $link -Target $source | Out-Null
        $before = Get-Hashes $source

        Get-ChildItem -LiteralPath $source | Import-CudaImage | Invoke-GaussianBlur 8 |
            Export-CudaImage $link -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.FullyQualifiedErrorId | Should -Be (@('DestinationIsSource,PhotoFF.Commands.ExportCudaImageCommand') * 2)
        ($failures.TargetObject | Sort-Object) | Should -Be ((Get-ChildItem -LiteralPath $link).FullName | Sort-Object)
        Get-Hashes $source | Should -Be $before
    }

    It 'refuses the real folder when the images came through the link' {
        $source = New-PhotoFolder src
        $link = Join-Path $TestDrive "link-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType SymbolicLink -Path $link -Target $source | Out-Null
        $before = Get-Hashes $source

        Get-ChildItem -LiteralPath $link | Import-CudaImage | Export-CudaImage $source -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 2
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'DestinationIsSource,*' }
        Get-Hashes $source | Should -Be $before
    }

    It 'refuses an existing destination file that is a symbolic link to the source, and leaves the link alone' {
        $source = New-PhotoFolder src
        $out = Join-Path $TestDrive "out-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $out | Out-Null
        $original = Join-Path $source 'landscape_1.jpg'
        New-Item -ItemType SymbolicLink -Path (Join-Path $out 'landscape_1.jpg') -Target $original | Out-Null

        Import-CudaImage -LiteralPath $original | Export-CudaImage $out -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.FullyQualifiedErrorId | Should -Be 'DestinationIsSource,PhotoFF.Commands.ExportCudaImageCommand'
        (Get-Item (Join-Path $out 'landscape_1.jpg')).LinkTarget | Should -Be $original
    }

    It 'refuses an existing destination file that is a hard link to the source' {
        $source = New-PhotoFolder src
        $out = Join-Path $TestDrive "out-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $out | Out-Null
        $original = Join-Path $source 'Canon_40D.jpg'
        New-Item -ItemType HardLink -Path (Join-Path $out 'Canon_40D.jpg') -Target $original | Out-Null
        $before = (Get-FileHash $original).Hash

        Import-CudaImage -LiteralPath $original | Invoke-GaussianBlur 4 | Export-CudaImage $out -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.FullyQualifiedErrorId | Should -Be 'DestinationIsSource,PhotoFF.Commands.ExportCudaImageCommand'
        (Get-FileHash (Join-Path $out 'Canon_40D.jpg')).Hash | Should -Be $before
    }

    It 'writes over the source through the link with -Force' {
        $source = New-PhotoFolder src
        $link = Join-Path $TestDrive "link-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType SymbolicLink -Path $link -Target $source | Out-Null
        $before = Get-Hashes $source

        Get-ChildItem -LiteralPath $source | Import-CudaImage | Invoke-GaussianBlur 8 | Export-CudaImage $link -Force -ErrorAction Stop

        Get-Hashes $source | Should -Not -Be $before
    }
}

Describe 'Import-CudaImage reads only regular files' -Skip:$IsWindows {
    It 'names a FIFO in an error at once instead of waiting forever for a writer, and imports the rest' {
        $folder = New-PhotoFolder fifo
        & mkfifo (Join-Path $folder 'pipe.jpg')
        $LASTEXITCODE | Should -Be 0

        # In a child process: before the fix the import blocked in open() and Ctrl+C could not stop it.
        $report = Invoke-PwshMeasured -TimeoutSeconds 60 -Script @"
`$images = @(Get-ChildItem -LiteralPath '$folder' -Filter *.jpg | Import-CudaImage -ErrorVariable failures -ErrorAction SilentlyContinue)
[pscustomobject]@{ Imported = `$images.Count; Ids = @(`$failures.FullyQualifiedErrorId); Targets = @(`$failures.TargetObject); Message = "`$(`$failures[0].Exception.Message)" } | ConvertTo-Json -Compress
"@
        $report.Imported | Should -Be 2
        $report.Ids | Should -Be 'FileReadError,PhotoFF.Commands.ImportCudaImageCommand'
        $report.Targets | Should -Be (Join-Path $folder 'pipe.jpg')
        $report.Message | Should -BeLike '*named pipe (FIFO)*not a regular file*'
    }

    It 'refuses a character device' {
        Import-CudaImage -LiteralPath /dev/zero -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.FullyQualifiedErrorId | Should -Be 'FileReadError,PhotoFF.Commands.ImportCudaImageCommand'
        $failures[0].Exception.Message | Should -BeLike '*character device*'
    }
}

Describe 'Export-CudaImage destinations' {
    It 'names an image whose SourcePath was set to $null image-0001, and the rest of the batch goes on' {
        $out = Join-Path $TestDrive "out-$([guid]::NewGuid().ToString('N'))"
        $nameless = New-CudaImage 8 8 Red
        $nameless.SourcePath = $null
        $empty = New-CudaImage 8 8 Blue
        $empty.SourcePath = ''

        $nameless, $empty | Export-CudaImage $out -ErrorAction Stop

        (Get-ChildItem -LiteralPath $out).Name | Should -Be 'image-0001.png', 'image-0002.png'
    }

    It 'says that a destination folder is an existing file, before writing anything' {
        $file = Join-Path $TestDrive "notes-$([guid]::NewGuid().ToString('N'))"
        Set-Content -LiteralPath $file -Value 'not a folder'

        { New-CudaImage 4 4 | Export-CudaImage $file -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationIsFile,PhotoFF.Commands.ExportCudaImageCommand' -ExpectedMessage "*'$file' is a file, not a folder*"
        { New-CudaImage 4 4 | Export-CudaImage (Join-Path $file 'sub') -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationIsFile,PhotoFF.Commands.ExportCudaImageCommand' -ExpectedMessage "*'$file' is a file*"
        Get-Content -LiteralPath $file | Should -Be 'not a folder'
    }

    It 'does not replace a read-only file without -Force, as Out-File does; with -Force it does and the file stays read-only' {
        $file = Join-Path $TestDrive "locked-$([guid]::NewGuid().ToString('N')).png"
        New-CudaImage 4 4 Red | Export-CudaImage $file
        Set-ItemProperty -LiteralPath $file -Name IsReadOnly -Value $true
        $before = (Get-FileHash $file).Hash

        New-CudaImage 6 6 Blue | Export-CudaImage $file -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.FullyQualifiedErrorId | Should -Be 'FileReadOnly,PhotoFF.Commands.ExportCudaImageCommand'
        (Get-FileHash $file).Hash | Should -Be $before

        New-CudaImage 6 6 Blue | Export-CudaImage $file -Force -ErrorAction Stop

        $written = Import-CudaImage -LiteralPath $file
        ($written.Width, $written.Height) | Should -Be 6, 6
        (Get-Item -LiteralPath $file).IsReadOnly | Should -BeTrue
        Remove-CudaImage $written
    }
}

Describe 'Edges of the input' {
    It 'writes a non-terminating error when Join-CudaImage receives no image' {
        $grid = @() | Join-CudaImage -Columns 2 -ErrorVariable failures -ErrorAction SilentlyContinue
        $grid | Should -BeNullOrEmpty
        $failures.FullyQualifiedErrorId | Should -Be 'JoinCudaImageNoInput,PhotoFF.Commands.JoinCudaImageCommand'
    }

    It 'warns that only the first frame of an animated GIF was imported' {
        $gif = New-AnimatedGif (Join-Path $TestDrive 'two-frames.gif')
        $image = Import-CudaImage -LiteralPath $gif.FullName -WarningVariable warnings -WarningAction SilentlyContinue
        ($image.Width, $image.Height) | Should -Be 1, 1
        $warnings.Message | Should -BeLike '*two-frames.gif*2 frames*only the first*'
        Remove-CudaImage $image
    }

    It 'makes a 16384 x 32768 image (exactly 512 Mi pixels) and refuses one pixel row more' {
        # In a child process: the image takes 2 GiB, given back to the system when the process ends.
        $report = Invoke-PwshMeasured -Script @'
$image = New-CudaImage 16384 32768 Red
$size = $image.Width, $image.Height
$last = ($image | Invoke-Crop 16383 32767 1 1 | Measure-CudaImage).Red.Mean
$refused = try { New-CudaImage 16384 32769; '' } catch { $_.FullyQualifiedErrorId }
[pscustomobject]@{ Width = $size[0]; Height = $size[1]; Last = $last; Refused = $refused } | ConvertTo-Json -Compress
'@
        ($report.Width, $report.Height, $report.Last) | Should -Be 16384, 32768, 255
        $report.Refused | Should -Be 'NewCudaImageFailed,PhotoFF.Commands.NewCudaImageCommand'
    }
}
