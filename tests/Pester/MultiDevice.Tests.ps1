# Every GPU of the host, as users meet it: Import-CudaImage -Device All and PHOTOFF_DEVICE=All spread a batch over every
# CUDA device (the CPU backend where there is none), each image living on one device and every operation running there;
# the operations on two images take them from different devices; a device lost midway fails only its own images. The
# tests that need two CUDA devices say so and skip on a machine with fewer, PHOTOFF_REQUIRE_CUDA=1 or not: the one-GPU
# machine runs this suite too.
BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    $script:cudaDevices = @(@(Get-CudaDevice -WarningAction SilentlyContinue).Where({ $_.Backend -eq 'Cuda' }))

    # Skips the test, saying why, without two CUDA devices; without any under PHOTOFF_REQUIRE_CUDA=1 it fails instead.
    function Skip-UnlessTwoDevices {
        if ($script:cudaDevices.Count -eq 0 -and $env:PHOTOFF_REQUIRE_CUDA -eq '1') {
            throw 'PHOTOFF_REQUIRE_CUDA=1 but Get-CudaDevice lists no CUDA device.'
        }

        if ($script:cudaDevices.Count -lt 2) {
            Set-ItResult -Skipped -Because "it needs two CUDA devices and this machine has $($script:cudaDevices.Count)"
        }
    }

    # -Count copies of the sample photos (600x450 and 450x600 JPEGs) under distinct names, in a new folder.
    function New-PhotoBatch([string] $Name, [int] $Count) {
        $folder = Join-Path $TestDrive $Name
        [void](New-Item -ItemType Directory $folder)
        $photos = @(Get-ChildItem (Get-SamplePath photos) -Filter '*_?.jpg' | Sort-Object Name)
        for ($i = 0; $i -lt $Count; $i++) {
            Copy-Item $photos[$i % $photos.Count].FullName (Join-Path $folder ('{0:D3}.jpg' -f $i))
        }
        $folder
    }
}

Describe 'Import-CudaImage -Device All' {
    It 'imports a batch in input order onto the devices there are, with the pixels of a plain import' {
        $batch = New-PhotoBatch 'any' 10

        $spread = Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device All
        $plain = Get-ChildItem $batch -Filter *.jpg | Import-CudaImage
        try {
            $spread.ForEach({ [IO.Path]::GetFileName($_.SourcePath) }) | Should -Be ((0..9).ForEach({ '{0:D3}.jpg' -f $_ }))
            $expectedDevices = if ($script:cudaDevices.Count) { $script:cudaDevices.Ordinal } else { -1 }
            $spread.DeviceOrdinal.Where({ $_ -notin $expectedDevices }) | Should -BeNullOrEmpty
            for ($i = 0; $i -lt 10; $i++) {
                ($spread[$i] | Compare-CudaImage $plain[$i]).Identical | Should -BeTrue -Because $spread[$i].SourcePath
            }
        }
        finally { $spread + $plain | Remove-CudaImage }
    }

    It 'is the CPU backend under PHOTOFF_BACKEND=Cpu, where one device by number is refused' {
        $run = Invoke-Pwsh -Environment @{ PHOTOFF_BACKEND = 'Cpu'; PHOTOFF_DEVICE = $null } -Command @"
Import-Module '$(Get-PhotoFFManifest)'
(Import-CudaImage '$(Get-SamplePath photos Canon_40D.jpg)' -Device All).BackendKind
try { Import-CudaImage '$(Get-SamplePath photos Canon_40D.jpg)' -Device 1 -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }
"@

        $run.ExitCode | Should -Be 0 -Because $run.Error
        Get-Lines $run.Output | Should -Be 'Cpu', 'BackendUnavailable,PhotoFF.Commands.ImportCudaImageCommand'
    }

    It 'takes PHOTOFF_DEVICE=All as the default of every command that makes images, and Get-CudaDevice says all are in use' {
        $run = Invoke-Pwsh -Environment @{ PHOTOFF_DEVICE = 'All' } -Command @"
`$WarningPreference = 'SilentlyContinue'
Import-Module '$(Get-PhotoFFManifest)'
@(Get-CudaDevice).Where({ `$_.InUse }).Ordinal -join ','
`$images = @(1..4 | ForEach-Object { New-CudaImage 2 2 })
(`$images.DeviceOrdinal | Sort-Object -Unique) -join ','
"@

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $expected = if ($script:cudaDevices.Count) { $script:cudaDevices.Ordinal -join ',' } else { '-1' }
        Get-Lines $run.Output | Should -Be $expected, $expected
    }

    It 'refuses a PHOTOFF_DEVICE it cannot read, naming the variable' {
        $run = Invoke-Pwsh -Environment @{ PHOTOFF_DEVICE = 'Both' } -Command @"
Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue
try { Import-CudaImage '$(Get-SamplePath photos Canon_40D.jpg)' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $lines = Get-Lines $run.Output
        $lines[0] | Should -Be 'BackendUnavailable,PhotoFF.Commands.ImportCudaImageCommand'
        $lines[1] | Should -BeLike "PHOTOFF_DEVICE is 'Both'; use All or a device ordinal*"
    }

    It 'refuses <Device> for -Device at binding' -ForEach @(
        @{ Device = 'Both' }
        @{ Device = '64' }
        @{ Device = -1 }
    ) {
        $result = Invoke-Captured { Import-CudaImage (Get-SamplePath photos Canon_40D.jpg) -Device $Device }

        $result.FirstError.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        Get-RefusedParameter $result.FirstError | Should -Be 'Device'
        $result.FirstError.Exception.Message | Should -BeLike "*use All or a device ordinal, 0 to 63*"
        $result.Output | Should -BeNullOrEmpty
    }

    It 'takes -Device as a number, a string or All on every command that makes images' {
        $images = @(
            New-CudaImage 2 2 -Device All
            ConvertTo-CudaImage -Raw ([byte[]]::new(16)) -Width 2 -Height 2 -Device 'all'
        )
        if ($script:cudaDevices.Count) {
            $images += New-CudaImage 2 2 -Device 0
            $images += New-CudaImage 2 2 -Device '0'
            $images[2..3].DeviceOrdinal | Should -Be 0, 0
        }

        $images.Count | Should -BeGreaterOrEqual 2
        $images | Remove-CudaImage
    }

    It 'completes -Device with All and the ordinal of each CUDA device' {
        $line = 'Import-CudaImage x.jpg -Device '
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText

        $completions | Should -Be (@('All') + @($script:cudaDevices.ForEach({ [string]$_.Ordinal })))
    }
}

Describe 'A batch spread over two devices' {
    It 'uses both devices, keeps the input order and decodes what one device decodes' {
        Skip-UnlessTwoDevices
        $batch = New-PhotoBatch 'spread' 48

        $spread = Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device All
        $single = Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device 0
        try {
            $spread.Count | Should -Be 48
            $spread.ForEach({ [IO.Path]::GetFileName($_.SourcePath) }) | Should -Be ((0..47).ForEach({ '{0:D3}.jpg' -f $_ }))
            $perDevice = $spread | Group-Object DeviceOrdinal
            $perDevice.Name | Sort-Object | Should -Be '0', '1' -Because 'both devices must have done part of the batch'
            for ($i = 0; $i -lt 48; $i++) {
                ($spread[$i] | Compare-CudaImage $single[$i]).MaxDifference | Should -Be 0 -Because $spread[$i].SourcePath
            }
        }
        finally { $spread + $single | Remove-CudaImage }
    }

    It 'runs each image''s operations on its own device and writes what one device writes' {
        Skip-UnlessTwoDevices
        $batch = New-PhotoBatch 'pipeline' 32
        $both = Join-Path $TestDrive 'both'
        $one = Join-Path $TestDrive 'one'

        $written = Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device All | Invoke-GaussianBlur 3 |
            Resize-CudaImage -Width 320 | Add-CornerRadius 12 | Export-CudaImage $both -Format Png -PassThru
        $written | Group-Object DeviceOrdinal | ForEach-Object Name | Sort-Object | Should -Be '0', '1'
        $written | Remove-CudaImage
        Get-ChildItem $batch -Filter *.jpg | Import-CudaImage -Device 0 | Invoke-GaussianBlur 3 |
            Resize-CudaImage -Width 320 | Add-CornerRadius 12 | Export-CudaImage $one -Format Png

        $files = Get-ChildItem $one -Filter *.png | Sort-Object Name
        $files.Count | Should -Be 32
        foreach ($file in $files) {
            $other = Join-Path $both $file.Name
            Test-BytesEqual ([IO.File]::ReadAllBytes($file.FullName)) ([IO.File]::ReadAllBytes($other)) | Should -BeTrue -Because $file.Name
        }
    }

    It 'lays, keys, compares and joins images of the two devices as images of one' {
        Skip-UnlessTwoDevices
        $pixels = New-RandomPixels 61 37 -Seed 31
        $logoPixels = New-RandomPixels 23 17 -Seed 32
        $keyPixels = New-RandomPixels 61 37 -Seed 33
        $on = { param($Pixels, $Width, $Height, $Device) , $Pixels | ConvertTo-CudaImage -Raw -Width $Width -Height $Height -Device $Device }

        $here = & $on $pixels 61 37 0
        $there = & $on $pixels 61 37 0
        $logo0 = & $on $logoPixels 23 17 0
        $logo1 = & $on $logoPixels 23 17 1
        $key0 = & $on $keyPixels 61 37 0
        $key1 = & $on $keyPixels 61 37 1
        $reference1 = & $on $keyPixels 61 37 1
        try {
            $logo1.DeviceOrdinal, $key1.DeviceOrdinal | Should -Be 1, 1
            $null = $here | Add-Overlay $logo0 -Align Center -OffsetX 5 -Opacity 0.6 | Invoke-ChromaKey -KeyImage $key0 -Channel R -Threshold 120
            $null = $there | Add-Overlay $logo1 -Align Center -OffsetX 5 -Opacity 0.6 | Invoke-ChromaKey -KeyImage $key1 -Channel R -Threshold 120
            Test-BytesEqual (Get-Pixels $here) (Get-Pixels $there) | Should -BeTrue
            $there.DeviceOrdinal | Should -Be 0

            $across = $here | Compare-CudaImage $reference1
            $within = $here | Compare-CudaImage $key0
            $across.MaxDifference, $across.DifferentPixels, $across.Psnr | Should -Be $within.MaxDifference, $within.DifferentPixels, $within.Psnr
            $across.Identical | Should -BeFalse

            $mixed = $here, $logo1, $key1, $logo0 | Join-CudaImage -Columns 2 -Spacing 2 -Background '#10203040'
            $same = $here, $logo0, $key0, $logo0 | Join-CudaImage -Columns 2 -Spacing 2 -Background '#10203040'
            $mixed.DeviceOrdinal | Should -Be 0
            Test-BytesEqual (Get-Pixels $mixed) (Get-Pixels $same) | Should -BeTrue
            $mixed, $same | Remove-CudaImage
        }
        finally { $here, $there, $logo0, $logo1, $key0, $key1, $reference1 | Remove-CudaImage }
    }

    It 'shows the pools of both devices in Get-CudaBufferPool and both devices'' memory in Get-CudaDevice' {
        Skip-UnlessTwoDevices
        $images = Get-ChildItem (New-PhotoBatch 'pools' 8) -Filter *.jpg | Import-CudaImage -Device All

        try {
            (Get-CudaBufferPool).Pool | Should -Contain 'cuda:0 pixels'
            (Get-CudaBufferPool).Pool | Should -Contain 'cuda:1 pixels'
            @(Get-CudaDevice).Where({ $_.Backend -eq 'Cuda' -and $null -ne $_.FreeMemoryBytes }).Count | Should -BeGreaterOrEqual 2
        }
        finally { $images | Remove-CudaImage }
    }

    It 'fails only the images of a device lost midway, each naming its file, and goes on on the other' {
        Skip-UnlessTwoDevices
        $batch = New-PhotoBatch 'fault' 240
        $out = Join-Path $TestDrive 'fault-out'

        # In a pwsh of its own: the fault drops device 1's backend there. The fault is reported as a failing CUDA call would
        # report it (BackendSelector.ReportFault) when device 1's third image passes by.
        $run = Invoke-Pwsh -TimeoutSeconds 240 -Command @"
Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue
`$assembly = [PhotoFF.Imaging.CudaImage].Assembly
`$reportFault = `$assembly.GetType('PhotoFF.Imaging.BackendSelector', `$true).GetMethod('ReportFault')
`$backendOf = [PhotoFF.Imaging.CudaImage].GetProperty('Backend', [Reflection.BindingFlags]'NonPublic, Instance')
`$seen = [Collections.Generic.List[object]]::new()
`$onSecond = 0
`$Error.Clear()
Get-ChildItem '$batch' -Filter *.jpg | Import-CudaImage -Device All | ForEach-Object {
    `$seen.Add([pscustomobject]@{ Name = [IO.Path]::GetFileName(`$_.SourcePath); Device = `$_.DeviceOrdinal; AfterFault = `$onSecond -ge 3 })
    if (`$_.DeviceOrdinal -eq 1 -and ++`$onSecond -eq 3) {
        `$fault = [PhotoFF.Cuda.CudaException]::new([PhotoFF.Cuda.CudaResult]::IllegalAddress, 'a test''s pretended fault')
        `$null = `$reportFault.Invoke(`$null, @(`$backendOf.GetValue(`$_), `$fault))
    }
    `$_
} | Invoke-GaussianBlur 2 | Export-CudaImage '$out' -Format Jpeg
[pscustomobject]@{
    Seen = `$seen
    Errors = @(`$Error | ForEach-Object { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Target = [string]`$_.TargetObject; Message = `$_.Exception.Message } })
    Written = @(Get-ChildItem '$out' -Filter *.jpg | ForEach-Object { [IO.Path]::ChangeExtension(`$_.Name, '.jpg') })
} | ConvertTo-Json -Depth 4 -Compress
"@

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $report = Get-Lines $run.Output | Select-Object -Last 1 | ConvertFrom-Json
        $names = (0..239).ForEach({ '{0:D3}.jpg' -f $_ })
        # A file is named by its path in the error's target (the file, or the image from it) or message.
        $failed = @($names.Where({
            $pattern = '[\\/]' + [regex]::Escape([IO.Path]::GetFileNameWithoutExtension($_)) + '\.'
            $report.Errors.Where({ "$($_.Target) $($_.Message)" -match $pattern }).Count
        }))

        $report.Errors.Count | Should -BeGreaterThan 0
        foreach ($record in $report.Errors) {
            $record.Message | Should -BeLike '*CUDA device 1 was lost (CUDA_ERROR_ILLEGAL_ADDRESS*' -Because "$($record.Id) for $($record.Target)"
        }

        # Each file written or named by an error, never both; every image of device 0 written.
        @($report.Written).Count + $failed.Count | Should -Be 240
        $failed.Where({ $_ -in $report.Written }) | Should -BeNullOrEmpty
        $report.Seen.Where({ $_.Device -eq 0 }).Name.Where({ $_ -notin $report.Written }) | Should -BeNullOrEmpty

        # The batch went on after the fault, on device 0 alone: the last files were given a device after it.
        $report.Seen.Where({ $_.AfterFault }).Count | Should -BeGreaterThan 30
        $report.Seen | Select-Object -Last 30 | ForEach-Object Device | Sort-Object -Unique | Should -Be 0
        $names | Select-Object -Last 30 | Where-Object { $_ -notin $report.Written } | Should -BeNullOrEmpty
    }
}
