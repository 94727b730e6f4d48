# Measure-CudaImage and Compare-CudaImage: the numbers users' own tests assert on.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'Measure-CudaImage' {
    It 'writes one result per image, with histograms on request' {
        $statistics = @(
            New-CudaImage 3 2 '#102030' | Measure-CudaImage
            New-CudaImage 5 1 Transparent | Measure-CudaImage -Histogram
        )

        $statistics.Count | Should -Be 2
        $statistics[0] | Should -BeOfType [PhotoFF.Imaging.ImageStatistics]
        $statistics[0].PixelCount | Should -Be 6
        $statistics[0].Red.Maximum | Should -Be 0x10
        $statistics[0].Alpha.Minimum | Should -Be 255
        $statistics[0].Red.Histogram | Should -BeNullOrEmpty
        $statistics[1].Alpha.Histogram[0] | Should -Be 5
    }

    It 'reports a disposed image and measures the rest' {
        $gone = New-CudaImage 2 2
        Remove-CudaImage $gone

        $result = Invoke-Captured { $gone, (New-CudaImage 1 1) | Measure-CudaImage }

        $result.AllErrors.Count | Should -Be 1
        $result.FirstError.FullyQualifiedErrorId | Should -Be 'MeasureCudaImageFailed,PhotoFF.Commands.MeasureCudaImageCommand'
        @($result.Output | Where-Object { $_ -is [PhotoFF.Imaging.ImageStatistics] }).Count | Should -Be 1
    }

    It 'refuses <Script> at binding' -ForEach @(
        @{ Script = { Measure-CudaImage -InputObject $null } }
        @{ Script = { New-CudaImage 1 1 | Measure-CudaImage -Histogram:$true -Bins 16 } }
    ) {
        $result = Invoke-Captured $Script

        $result.Output | Should -BeNullOrEmpty
        $result.FirstError.FullyQualifiedErrorId | Should -Match '^(ParameterArgumentValidationError|NamedParameterNotFound),PhotoFF.Commands.MeasureCudaImageCommand$'
    }
}

Describe 'Compare-CudaImage' {
    It 'gives the largest difference, the different pixels and a difference image' {
        $a = New-CudaImage 8 4 '#102030'
        $b = New-CudaImage 8 4 '#102037'

        (Compare-CudaImage $a ($a | Copy-CudaImage)).MaxDifference | Should -Be 0
        (Compare-CudaImage $a $b).MaxDifference | Should -Be 7
        (Compare-CudaImage -ReferenceImage $a -InputObject $b).DifferentPixels | Should -Be 32
        $comparison = $b | Compare-CudaImage $a -DifferenceImage
        $comparison | Should -BeOfType [PhotoFF.Imaging.ImageComparison]
        $comparison.ChannelMaxDifference | Should -Be ([PhotoFF.Imaging.ChannelValues]::new(0, 0, 7, 0))
        Get-DistinctPixels (Get-Pixels $comparison.DifferenceImage) | Should -Be '0,0,7,255'
    }

    It 'writes a size error for one image and compares the rest' {
        $reference = New-CudaImage 4 4 White

        $result = Invoke-Captured { (New-CudaImage 4 5 White), (New-CudaImage 4 4 White) | Compare-CudaImage $reference }

        $result.AllErrors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -Be 'CompareCudaImageSizeMismatch,PhotoFF.Commands.CompareCudaImageCommand'
        $comparisons = @($result.Output | Where-Object { $_ -is [PhotoFF.Imaging.ImageComparison] })
        $comparisons.Count | Should -Be 1
        $comparisons[0].Identical | Should -BeTrue
    }

    It 'needs a reference' {
        $result = Invoke-Captured { New-CudaImage 1 1 | Compare-CudaImage -ReferenceImage $null }

        $result.FirstError.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }
}
