# Should -BeSimilarImage, the assertion the module gives users' own Pester tests.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # The failure message of -Assertion, or $null when it passes.
    function Get-FailureMessage([scriptblock] $Assertion) {
        try { $null = & $Assertion; $null } catch { $_.Exception.Message }
    }

    # Runs -Script in a fresh pwsh with $manifest and $pester (the Pester under which these tests run) set.
    function Invoke-Session([string] $Script) {
        $run = Invoke-Pwsh "`$WarningPreference = 'SilentlyContinue'; `$manifest = '$(Get-PhotoFFManifest)'; `$pester = '$((Get-Module Pester).Path -replace '\.psm1$', '.psd1')'`n$Script"
        $run.ExitCode | Should -Be 0 -Because "the session failed: $($run.Error)$($run.Output)"
        Get-Lines $run.Output
    }

    $script:Probe = @'
$a = New-CudaImage 4 4 '#102030'; $b = New-CudaImage 4 4 '#112030'
try { $a | Should -BeSimilarImage $b; 'passed' } catch { "failed: $($_.Exception.Message)" }
try { $a | Should -BeSimilarImage (New-CudaImage 4 4 White); 'passed' } catch { 'failed' }
'@
}

Describe 'Should -BeSimilarImage' {
    It 'passes for images that differ by no more than -Tolerance per channel' {
        $a = New-CudaImage 8 4 '#102030'
        $b = New-CudaImage 8 4 '#112035'

        $a | Should -BeSimilarImage ($a | Copy-CudaImage) -Tolerance 0
        $a | Should -BeSimilarImage (New-CudaImage 8 4 '#112030')
        $a | Should -BeSimilarImage $b -Tolerance 5
        Should -ActualValue $a -BeSimilarImage -ExpectedValue $b -Tolerance 5
    }

    It 'fails with the largest difference of each channel, the pixels that differ and the PSNR' {
        $pixels = New-RandomPixels 16 8 -Seed 7
        $changed = [byte[]]$pixels.Clone()
        $changed[4 * 5 + 2] = [byte](($changed[4 * 5 + 2] + 9) % 256)
        $changed[4 * 70 + 0] = [byte](($changed[4 * 70 + 0] + 3) % 256)
        $actual = , $changed | ConvertTo-CudaImage -Raw -Width 16 -Height 8
        $expected = , $pixels | ConvertTo-CudaImage -Raw -Width 16 -Height 8
        $comparison = Compare-CudaImage $actual $expected

        $message = Get-FailureMessage { $actual | Should -BeSimilarImage $expected -Tolerance 2 -Because 'the filter must not move colours' }

        $message | Should -BeExactly ("Expected the image to match the expected one within 2 per channel because the filter must not move colours, " +
            "but the max difference per channel is R $($comparison.ChannelMaxDifference.R), G 0, B $($comparison.ChannelMaxDifference.B), A 0; " +
            "2 of 128 pixels differ; PSNR {0:0.00} dB." -f $comparison.Psnr)
        $comparison.ChannelMaxDifference.B | Should -BeGreaterThan 2
    }

    It 'with -Not passes for images further apart than -Tolerance and fails for similar ones' {
        $a = New-CudaImage 4 4 '#102030'

        $a | Should -Not -BeSimilarImage (New-CudaImage 4 4 '#102038') -Tolerance 7
        Get-FailureMessage { $a | Should -Not -BeSimilarImage ($a | Copy-CudaImage) } |
            Should -BeExactly 'Expected the image to differ from the expected one by more than 1 per channel, but the max difference per channel is R 0, G 0, B 0, A 0; 0 of 16 pixels differ; PSNR infinite (identical).'
    }

    It 'fails, with or without -Not, for one image object in both roles, and says to copy it first' {
        $a = New-CudaImage 4 4 '#102030'
        $b = $a | Invoke-GaussianBlur 1

        foreach ($message in (Get-FailureMessage { $b | Should -BeSimilarImage $a }), (Get-FailureMessage { $b | Should -Not -BeSimilarImage $a })) {
            $message | Should -BeLike 'Expected two images, but the actual and the expected value are one CudaImage object*'
            $message | Should -BeLike "*'`$b = `$a | Copy-CudaImage | Invoke-GaussianBlur 5'."
        }
    }

    It 'fails for images of different sizes, and for what is not an image' {
        $a = New-CudaImage 4 3

        Get-FailureMessage { $a | Should -BeSimilarImage (New-CudaImage 3 4) } | Should -BeExactly 'Expected a 3x4 image, but it is 4x3.'
        $a | Should -Not -BeSimilarImage (New-CudaImage 3 4)
        Get-FailureMessage { 'a.png' | Should -BeSimilarImage $a } | Should -BeExactly 'Expected the actual value to be a CudaImage, but it is a System.String.'
        Get-FailureMessage { $a | Should -BeSimilarImage $null } | Should -BeExactly 'Expected the expected value to be a CudaImage, but it is $null.'
        $gone = New-CudaImage 4 3
        Remove-CudaImage $gone
        Get-FailureMessage { $gone | Should -BeSimilarImage $a } | Should -BeExactly 'Expected the actual value to be a CudaImage, but it is a disposed CudaImage.'
    }

    It 'is registered whether Pester is imported <Order>' -ForEach @(
        @{ Order = 'before PhotoFF'; Imports = 'Import-Module $pester; Import-Module $manifest' }
        @{ Order = 'after PhotoFF'; Imports = 'Import-Module $manifest; Import-Module $pester' }
        @{ Order = 'again, with -Force, after PhotoFF registered'; Imports = 'Import-Module $pester; Import-Module $manifest; Import-Module $pester -Force' }
    ) {
        $lines = Invoke-Session "$Imports`n$Probe"

        $lines | Should -Be @('passed', 'failed')
    }

    It 'works in an Invoke-Pester run of a test file that does not import PhotoFF' {
        $tests = Join-Path $TestDrive 'User.Tests.ps1'
        Set-Content $tests @'
Describe 'my filter' {
    It 'keeps the image' { New-CudaImage 2 2 Red | Should -BeSimilarImage (New-CudaImage 2 2 Red) }
    It 'is caught changing it' { New-CudaImage 2 2 Red | Should -BeSimilarImage (New-CudaImage 2 2 Blue) }
}
'@

        $lines = Invoke-Session @"
Import-Module `$manifest; Import-Module `$pester
`$result = Invoke-Pester -Path '$tests' -PassThru -Output None
"passed `$(`$result.PassedCount) failed `$(`$result.FailedCount)"
`$result.Failed[0].ErrorRecord[0].Exception.Message
"@

        $lines[0] | Should -Be 'passed 1 failed 1'
        $lines[1] | Should -BeLike 'Expected the image to match the expected one within 1 per channel, but the max difference per channel is R 255, G 0, B 255, A 0; 4 of 4 pixels differ; PSNR *'
    }

    It 'leaves a lookup action of the session in place, and removes its own with the module' {
        $lines = Invoke-Session @'
$global:lookups = 0
$ExecutionContext.InvokeCommand.PostCommandLookupAction = { $global:lookups++ }
Import-Module $manifest; Import-Module $pester
$null = Get-Date
"user action runs: $($global:lookups -gt 0)"
New-CudaImage 2 2 | Should -BeSimilarImage (New-CudaImage 2 2); 'registered'
Remove-Module PhotoFF
"handlers left: $($ExecutionContext.InvokeCommand.PostCommandLookupAction.GetInvocationList().Count)"
'@

        $lines | Should -Be @('user action runs: True', 'registered', 'handlers left: 1')
    }
}
