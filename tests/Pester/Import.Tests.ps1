# Import-CudaImage as users feed it: Get-ChildItem, Get-Item, strings, wildcards, objects with a PSPath; bad files as
# named, non-terminating errors; EXIF orientation.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'Import-CudaImage binds' {
    It 'the files Get-ChildItem finds, in their order' {
        $files = Get-ChildItem (Get-TestImagePath exif orientation) -Filter 'portrait_*.jpg'

        $images = @($files | Import-CudaImage)

        $images.Count | Should -Be 8
        $images.SourcePath | Should -Be $files.FullName
        $images | ForEach-Object { "$($_.Width)x$($_.Height)" } | Sort-Object -Unique | Should -Be '450x600'
    }

    It 'a file from Get-Item, a path string by value, and a relative path from the current location' {
        $file = Get-TestImagePath photos Canon_40D.jpg

        $fromItem = Get-Item $file | Import-CudaImage
        $fromString = $file | Import-CudaImage
        Push-Location (Get-TestImagePath photos)
        try { $relative = Import-CudaImage Canon_40D.jpg } finally { Pop-Location }

        @($fromItem, $fromString, $relative).SourcePath | Should -Be @($file, $file, $file)
        (Compare-CudaImage $fromItem $fromString).Identical | Should -BeTrue
        (Compare-CudaImage $fromItem $relative).Identical | Should -BeTrue
    }

    It 'an object with a provider-qualified PSPath, as Get-ChildItem output does' {
        $file = Get-TestImagePath photos Canon_40D.jpg

        $image = [pscustomobject]@{ PSPath = "Microsoft.PowerShell.Core\FileSystem::$file" } | Import-CudaImage

        $image.SourcePath | Should -Be $file
    }

    It 'a wildcard to every match, in order, with progress; a missing literal path is an error' {
        $pattern = Get-TestImagePath exif orientation 'landscape_*.jpg'

        $result = Invoke-InRunspace 'Import-CudaImage -Path $pattern | ForEach-Object { $_.SourcePath; $_.Dispose() }' -Variables @{ pattern = $pattern }
        $missing = Invoke-Captured { Import-CudaImage -LiteralPath ./does-not-exist.png }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 8
        $result.Output | Should -Be ($result.Output | Sort-Object)
        $result.Progress.Count | Should -BeGreaterThan 0
        $missing.AllErrors.Count | Should -Be 1
        $missing.FirstError.FullyQualifiedErrorId | Should -BeLike 'FileNotFound,*'
    }
}

Describe 'Import-CudaImage with bad files' {
    It 'writes one error naming each bad file, and the good files of the same pipeline are still written' {
        $bad = @(Get-ChildItem (Get-TestImagePath bad) -File | Where-Object Name -NE 'xhdn0g08.png' | Sort-Object Name | ForEach-Object FullName)
        $good = @((Get-TestImagePath pngsuite png basn6a08.png), (Get-TestImagePath photos Canon_40D.jpg))
        $mixed = @($good[0]) + $bad + @($good[1], (Get-TestImagePath photos no-such-file.jpg))
        $out = Join-Path $TestDrive 'out'

        $result = Invoke-Captured { $mixed | ForEach-Object { [IO.FileInfo]$_ } | Import-CudaImage | Export-CudaImage $out -Format Png }

        $result.Terminating | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be ($bad.Count + 1)
        foreach ($file in $mixed.Where({ $_ -notin $good })) {
            $named = @($result.Errors.Where({ $_.TargetObject -eq $file }))
            $named.Count | Should -Be 1 -Because "$file must have one error"
            $named[0].Exception.Message | Should -BeLikeExactly "*$([IO.Path]::GetFileName($file))*"
        }
        @($result.Errors.Where({ $_.FullyQualifiedErrorId -like 'FileNotFound*' })).Count | Should -BeGreaterThan 0
        (Get-ChildItem $out -File | Sort-Object Name).Name | Should -Be @('basn6a08.png', 'Canon_40D.png')
    }

    It 'stops the pipeline at a bad file with -ErrorAction Stop, naming it' {
        $file = Get-TestImagePath bad corrupted.jpg

        { Import-CudaImage -LiteralPath $file -ErrorAction Stop } | Should -Throw '*corrupted.jpg*'
    }

    It 'imports a damaged JPEG with -Lenient, with warnings' {
        $file = Get-TestImagePath bad corrupted.jpg

        $result = Invoke-Captured { Import-CudaImage -LiteralPath $file -Lenient | ForEach-Object { $_.Width; $_.Dispose() } }

        $result.AllErrors | Should -BeNullOrEmpty
        $result.Output.Count | Should -Be 1
        $result.Warnings.Count | Should -BeGreaterThan 0
    }

    It 'refuses an image over the pixel limit' {
        $file = Get-TestImagePath photos jolla.jpg

        $result = Invoke-Captured { Import-CudaImage -LiteralPath $file -MaxPixels 1000 }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -BeLike 'ImageTooLarge,*'
        $result.Output | Should -BeNullOrEmpty
    }
}

Describe 'EXIF orientation' {
    It 'turns the <Set> photos saved with orientations 2 to 8 into images that match orientation 1' -ForEach @(
        @{ Set = 'landscape' }
        @{ Set = 'portrait' }
    ) {
        $files = 1..8 | ForEach-Object { Get-TestImagePath exif orientation "${Set}_$_.jpg" }

        $images = @($files | Import-CudaImage)

        $images.Count | Should -Be 8
        for ($i = 1; $i -lt 8; $i++) {
            "$($images[$i].Width)x$($images[$i].Height)" | Should -Be "$($images[0].Width)x$($images[0].Height)"
            $comparison = Compare-CudaImage $images[$i] $images[0]
            $comparison.MeanAbsoluteError | Should -BeLessThan 6 -Because "${Set}_$($i + 1).jpg must look like ${Set}_1.jpg"
        }
        $images | Remove-CudaImage
    }
}
