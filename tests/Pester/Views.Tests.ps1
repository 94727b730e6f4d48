# What users see of PhotoFF's objects: the table views of devices, comparisons, statistics and images, the members of
# an image (what can be used, not the internals), and Remove-CudaImage -WhatIf.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    function Get-TableLines([Parameter(ValueFromPipeline)] $InputObject) {
        begin { $items = [Collections.Generic.List[object]]::new() }
        process { $items.Add($InputObject) }
        end { ($items | Format-Table | Out-String -Width 250) -split "`r?`n" | Where-Object { $_.Trim() } }
    }
}

Describe 'Table views' {
    It 'shows Get-CudaDevice with its memory in GB and the JPEG path it uses' {
        $devices = Get-CudaDevice -WarningAction SilentlyContinue
        $lines = $devices | Get-TableLines

        $lines[0] | Should -Match '^\s*Ordinal\s+Name\s+Backend\s+MemoryGB\s+FreeGB\s+Compute\s+InUse\s+JpegCodec\s*$'
        $lines[2] | Should -Match ([regex]::Escape([math]::Round($devices[0].TotalMemoryBytes / 1GB, 1).ToString()))
        $lines[2] | Should -Match ([regex]::Escape($devices[0].JpegCodec.Substring(0, [math]::Min(20, $devices[0].JpegCodec.Length))))
    }

    It 'shows Compare-CudaImage with the PSNR rounded and whether the images are identical' {
        $reference = ConvertTo-CudaImage -Raw ([byte[]](1..256 | ForEach-Object { Get-Random -Maximum 256 })) -Width 8 -Height 8
        $blurred = $reference | Copy-CudaImage | Invoke-GaussianBlur 2
        $comparison = $blurred | Compare-CudaImage $reference

        $lines = $comparison, ($reference | Copy-CudaImage | Compare-CudaImage $reference) | Get-TableLines

        $lines[0] | Should -Match '^\s*Source\s+Width\s+Height\s+MaxDifference\s+DifferentPixels\s+Psnr\s+Identical\s*$'
        $lines[2] | Should -Match ('\s{0}\s+False$' -f [regex]::Escape([math]::Round($comparison.Psnr, 2).ToString('0.00')))
        $lines[3] | Should -Match '\s0\s+0\s+Infinity\s+True$'
        $reference, $blurred | Remove-CudaImage
    }

    It 'shows Measure-CudaImage with the mean of each channel' {
        $image = New-CudaImage 5 3 -Color '#204060F0'

        $lines = $image | Measure-CudaImage | Get-TableLines

        $lines[0] | Should -Match '^\s*Source\s+Width\s+Height\s+MeanRed\s+MeanGreen\s+MeanBlue\s+MeanAlpha\s*$'
        $lines[2] | Should -Match '^\s+5\s+3\s+32\s+64\s+96\s+240\s*$'
        $image | Remove-CudaImage
    }
}

Describe 'The members of an image' {
    BeforeAll { $script:image = New-CudaImage 4 4 }
    AfterAll { $script:image | Remove-CudaImage }

    It 'has only properties a user can use' {
        ($script:image | Get-Member -MemberType Property).Name |
            Should -Be 'BackendKind', 'ByteCount', 'Device', 'Height', 'IsDisposed', 'Metadata', 'PixelCount', 'SourcePath', 'Width'
    }

    It 'has no methods that change the pixels or hand out the buffer' {
        ($script:image | Get-Member -MemberType Method).Name |
            Should -Be 'Clone', 'Dispose', 'Equals', 'GetHashCode', 'GetType', 'Synchronize', 'ToArray', 'ToString'
    }

    It 'shows the same in Format-List *' {
        $text = $script:image | Format-List * | Out-String

        $text | Should -Match 'BackendKind\s+:'
        $text | Should -Not -Match '(?m)^(Backend|Pixels|Stream|CapacityBytes)\s+:'
    }
}

Describe 'Remove-CudaImage -WhatIf' {
    It 'says what it would dispose and disposes nothing' {
        $result = Invoke-Pwsh -Environment @{ PHOTOFF_BACKEND = 'Cpu' } -Command @"
Import-Module '$(Get-PhotoFFManifest)'
`$image = New-CudaImage 7 5
`$image | Remove-CudaImage -WhatIf
'disposed: ' + `$image.IsDisposed
`$image | Remove-CudaImage -Confirm:`$false
'disposed: ' + `$image.IsDisposed
"@

        $result.ExitCode | Should -Be 0
        $result.Output | Should -Match 'What if: Performing the operation "Dispose the image and return its buffer to the pool" on target "7x5 Cpu"'
        $result.Output | Should -Match 'disposed: False\s+disposed: True'
    }
}
