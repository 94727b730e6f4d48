# Memory under hostile input (issue 6, items 5, 6 and 7): decompression bombs, a contact sheet of many large images,
# and many imports. Each test runs in a fresh pwsh that reads its own peak and current resident memory
# (/proc/self/status) and states its bound; the bounds are far below what the same pipelines took before the fixes.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'HostileSupport.psm1')) -Force
    Import-PhotoFF
    $MB = 1MB
}

Describe 'Decompression bombs under the pixel limit' -Skip:(-not $IsLinux) {
    BeforeAll {
        # 8000 x 8000: 244 MiB of RGBA pixels each, from a 7 KB file.
        $bombs = Join-Path $TestDrive bombs
        New-Item -ItemType Directory -Path $bombs | Out-Null
        foreach ($name in 'a', 'b', 'c', 'd') { New-BombPng -Path (Join-Path $bombs "$name.png") -Width 8000 -Height 8000 | Out-Null }
        $imageBytes = 4L * 8000 * 8000
    }

    It 'decode within the memory budget across all threads, and the memory is given back afterwards' {
        $report = Invoke-PwshMeasured -Script @"
`$env:PHOTOFF_BACKEND = 'Cpu'
New-CudaImage 64 64 | Resize-CudaImage -Width 32 | Export-CudaImage '$TestDrive/warm' -Format Png
[GC]::Collect()
`$base = Get-ProcessMemory
Get-ChildItem -LiteralPath '$bombs' | Import-CudaImage -MaxDecodeMemory 300MB -ThrottleLimit 4 | Resize-CudaImage -Width 64 | Export-CudaImage '$TestDrive/thumbs' -Format Png
`$peak = Get-ProcessMemory
Clear-CudaBufferPool
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
`$after = Get-ProcessMemory
[pscustomobject]@{ Base = `$base.Peak; Peak = `$peak.Peak; After = `$after.Current; Thumbs = (Get-ChildItem '$TestDrive/thumbs').Count } | ConvertTo-Json -Compress
"@
        $report.Thumbs | Should -Be 4
        # At most the budget (300 MB: one bomb being decoded) plus one decoded image on the backend, plus slack for the
        # thumbnail, the strips in flight and the runtime. Four threads without a budget took over 2 GB here.
        $bound = 300MB + $imageBytes + 200MB
        ($report.Peak - $report.Base) | Should -BeLessThan $bound -Because "the peak grew by $([math]::Round(($report.Peak - $report.Base) / $MB)) MB (bound $([math]::Round($bound / $MB)) MB)"
        # Before the fix about 2 GB stayed resident after the images were gone: the collector kept the large arrays.
        ($report.After - $report.Base) | Should -BeLessThan 150MB -Because "$([math]::Round(($report.After - $report.Base) / $MB)) MB stayed resident"
    }

    It 'refuses a file that alone needs more than the whole budget, with an error that says so' {
        Import-CudaImage -LiteralPath (Join-Path $bombs a.png) -MaxDecodeMemory 64MB -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures.FullyQualifiedErrorId | Should -Be 'ImageTooLarge,PhotoFF.Commands.ImportCudaImageCommand'
        $failures[0].Exception.Message | Should -BeLike '*a.png*more than the whole decode memory budget of 64 MiB*'
    }
}

Describe 'Join-CudaImage over many large images' -Skip:(-not $IsLinux) {
    It 'holds memory bounded by the sheet with -DisposeInput, not by the inputs' {
        $report = Invoke-PwshMeasured -Script @'
$env:PHOTOFF_BACKEND = 'Cpu'
New-CudaImage 3000 2000 | Resize-CudaImage -Width 64 | Remove-CudaImage
[GC]::Collect()
$base = Get-ProcessMemory
# 24 images of 3000 x 2000: 576 MB in all, joined into 64 x 48 cells.
$sheet = 1..24 | ForEach-Object { New-CudaImage 3000 2000 Red } | Join-CudaImage -Columns 8 -CellWidth 64 -CellHeight 48 -DisposeInput
$peak = Get-ProcessMemory
[pscustomobject]@{ Base = $base.Peak; Peak = $peak.Peak; Leased = (Get-CudaBufferPool).BytesLeased; Width = $sheet.Width; Height = $sheet.Height; Centre = ($sheet | Invoke-Crop 32 24 1 1 | Measure-CudaImage).Red.Mean } | ConvertTo-Json -Compress
'@
        ($report.Width, $report.Height, $report.Centre) | Should -Be 512, 144, 255
        # One input at a time (23 MB) and the cells; the sheet is 0.3 MB. Keeping every input took 560 MB here.
        ($report.Peak - $report.Base) | Should -BeLessThan 200MB -Because "the peak grew by $([math]::Round(($report.Peak - $report.Base) / $MB)) MB"
        $report.Leased | Should -BeLessThan 2MB -Because 'only the sheet is left leased'
    }

    It 'keeps no input alive while it joins, so undisposed inputs can be collected' {
        $report = Invoke-PwshMeasured -Script @'
$env:PHOTOFF_BACKEND = 'Cpu'
$during = $null
$sheet = 1..20 | ForEach-Object {
    if ($_ -eq 20) {
        # Join-CudaImage has taken 19 images of 24 MB; whatever it still references cannot be collected.
        [GC]::Collect(); [GC]::WaitForPendingFinalizers()
        $script:during = (Get-CudaBufferPool).BytesLeased
    }
    New-CudaImage 3000 2000 Red
} | Join-CudaImage -Columns 6 -CellWidth 64 -CellHeight 48
[pscustomobject]@{ During = $during; Width = $sheet.Width } | ConvertTo-Json -Compress
'@
        $report.Width | Should -Be 384
        $report.During | Should -BeLessThan 60MB -Because "$([math]::Round($report.During / $MB)) MB was still leased by images Join-CudaImage had taken (19 x 23 MB if it kept them)"
    }
}

Describe "libvips' operation cache" -Skip:(-not $IsLinux) {
    It 'keeps nothing between imports: memory does not grow with the number of files imported' {
        $photo = Get-TestImagePath photos HMD_Nokia_8.3_5G.jpg
        $report = Invoke-PwshMeasured -Script @"
`$env:PHOTOFF_BACKEND = 'Cpu'
Import-CudaImage -LiteralPath '$photo' | Remove-CudaImage
Clear-CudaBufferPool; [GC]::Collect(); [GC]::WaitForPendingFinalizers()
`$base = Get-ProcessMemory
1..40 | ForEach-Object { '$photo' } | Import-CudaImage -ThrottleLimit 2 | Remove-CudaImage
Clear-CudaBufferPool; [GC]::Collect(); [GC]::WaitForPendingFinalizers()
`$after = Get-ProcessMemory
[pscustomobject]@{ Base = `$base.Current; After = `$after.Current; Cached = [NetVips.Cache]::Size; Max = [NetVips.Cache]::Max } | ConvertTo-Json -Compress
"@
        $report.Max | Should -Be 0
        $report.Cached | Should -Be 0
        # With libvips' default cache (100 operations, 100 MB, 100 files) 40 imports of this 9 MP photo left about 900 MB
        # resident; without it the process settles about 200 MB above where it started (thread arenas, the runtime).
        ($report.After - $report.Base) | Should -BeLessThan 400MB -Because "the process grew by $([math]::Round(($report.After - $report.Base) / $MB)) MB"
    }

    It 'can be turned back on with PHOTOFF_VIPS_CACHE' {
        # A PNG: libvips decodes it on every backend (a JPEG may go to nvJPEG, and libvips would then not be loaded).
        $report = Invoke-PwshMeasured -Environment @{ PHOTOFF_VIPS_CACHE = '50,64MB,20' } -Script @"
Import-CudaImage -LiteralPath '$(Get-TestImagePath pngsuite png basn6a08.png)' | Remove-CudaImage
[pscustomobject]@{ Max = [NetVips.Cache]::Max; Memory = [NetVips.Cache]::MaxMem; Files = [NetVips.Cache]::MaxFiles } | ConvertTo-Json -Compress
"@
        ($report.Max, $report.Memory, $report.Files) | Should -Be 50, (64MB), 20
    }
}
