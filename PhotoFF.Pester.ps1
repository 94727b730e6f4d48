# Should -BeSimilarImage: a Pester assertion for users' tests of image scripts, dot-sourced by PhotoFF.psm1.
#
#     $actual | Should -BeSimilarImage $expected [-Tolerance 1] [-Because '...']
#     $actual | Should -Not -BeSimilarImage $original
#
# Passes when both images have the same size and no channel of any pixel differs by more than -Tolerance (default 1:
# the CUDA and CPU backends agree within 1). A failure says the largest difference of each channel, how many pixels
# differ and the PSNR, as Compare-CudaImage computes them.

function Test-PhotoFFSimilarImage {
    param($ActualValue, $ExpectedValue, $Tolerance = 1, [switch] $Negate, [string] $Because)

    $because = if ($Because) { " because $($Because.TrimEnd('.'))" } else { '' }
    foreach ($role in @(@('actual', $ActualValue), @('expected', $ExpectedValue))) {
        if ($role[1] -isnot [PhotoFF.Imaging.CudaImage] -or $role[1].IsDisposed) {
            $what = if ($null -eq $role[1]) { '$null' } elseif ($role[1] -is [PhotoFF.Imaging.CudaImage]) { 'a disposed CudaImage' } else { "a $($role[1].GetType().FullName)" }
            return [pscustomobject]@{ Succeeded = $false; FailureMessage = "Expected the $($role[0]) value to be a CudaImage$because, but it is $what." }
        }
    }

    # One object in both roles (after '$b = $a | Invoke-GaussianBlur 5', $a and $b are one image) can only match itself:
    # a test that cannot fail either way, so it fails, saying why.
    if ([object]::ReferenceEquals($ActualValue, $ExpectedValue)) {
        return [pscustomobject]@{
            Succeeded      = $false
            FailureMessage = "Expected two images$because, but the actual and the expected value are one CudaImage object, which can only match " +
                "itself. PhotoFF's cmdlets change an image in place and pass the same object on: after '`$b = `$a | Invoke-GaussianBlur 5', " +
                "`$a and `$b are one image. Copy it first: '`$b = `$a | Copy-CudaImage | Invoke-GaussianBlur 5'."
        }
    }

    $limit = [int]$Tolerance
    if ($ActualValue.Width -ne $ExpectedValue.Width -or $ActualValue.Height -ne $ExpectedValue.Height) {
        $succeeded = [bool]$Negate
        $message = "Expected a $($ExpectedValue.Width)x$($ExpectedValue.Height) image$because, but it is $($ActualValue.Width)x$($ActualValue.Height)."
        return [pscustomobject]@{ Succeeded = $succeeded; FailureMessage = if (-not $succeeded) { $message } }
    }

    $comparison = [PhotoFF.Imaging.ImageOperations]::Compare($ActualValue, $ExpectedValue, $false)
    $similar = $comparison.MaxDifference -le $limit
    $succeeded = $similar -xor [bool]$Negate
    if ($succeeded) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }

    $psnr = if ([double]::IsPositiveInfinity($comparison.Psnr)) { 'infinite (identical)' } else { '{0:0.00} dB' -f $comparison.Psnr }
    $found = "the max difference per channel is $($comparison.ChannelMaxDifference); $($comparison.DifferentPixels) of $($comparison.PixelCount) pixels differ; PSNR $psnr."
    $message = if ($Negate) {
        "Expected the image to differ from the expected one by more than $limit per channel$because, but $found"
    }
    else {
        "Expected the image to match the expected one within $limit per channel$because, but $found"
    }
    [pscustomobject]@{ Succeeded = $false; FailureMessage = $message }
}

# Registers the assertion with one Pester module (called at import and by the lookup hook). A registration that fails,
# such as another module's operator of the same name, is a warning: it must never break the command lookup it runs in.
function Register-PhotoFFAssertion {
    param([Management.Automation.PSModuleInfo] $Pester)

    try {
        & $Pester.ExportedCommands['Add-ShouldOperator'] -Name BeSimilarImage -Test ${function:Test-PhotoFFSimilarImage} -InternalName Test-PhotoFFSimilarImage
    }
    catch {
        Write-Warning "PhotoFF could not add Should -BeSimilarImage to Pester $($Pester.Version): $($_.Exception.Message)"
    }
}
