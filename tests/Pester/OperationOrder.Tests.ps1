# Operations on CPU images run in the background, two images at a time in each cmdlet (ImageOperationCommand), so that
# one image's blur overlaps the next one's: what comes out is what one image at a time gives, in the order the images
# came, with each failure named and in its place, and nothing still runs once the pipeline is over.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # CPU images of random pixels, each of its own size (the widths show the order).
    function New-CpuImages([int] $Count, [int] $Seed) {
        foreach ($i in 0..($Count - 1)) {
            $width = 200 + 17 * $i
            $height = 150 + 5 * $i
            New-CpuImage (New-RandomPixels $width $height ($Seed + $i)) $width $height
        }
    }

    # What the .NET API gives for one image, one operation after the other on the calling thread.
    function Invoke-OneByOne([PhotoFF.Imaging.CudaImage] $Image) {
        $copy = $Image | Copy-CudaImage
        [void][PhotoFF.Imaging.ImageOperations]::GaussianBlurSigma($copy, 3.0)
        [void][PhotoFF.Imaging.ImageOperations]::ResizeByScale($copy, 0.5)
        , (Get-Pixels $copy)
        $copy | Remove-CudaImage
    }
}

Describe 'Operations on CPU images in a pipeline' {
    It 'writes the images on in the order they came, each as one image alone gives it' {
        $images = @(New-CpuImages 9 -Seed 10)
        $expected = foreach ($image in $images) { , (Invoke-OneByOne $image) }

        $out = @($images | Invoke-GaussianBlur -Sigma 3 | Resize-CudaImage -Scale 0.5)

        $out.Count | Should -Be 9
        for ($i = 0; $i -lt 9; $i++) {
            [object]::ReferenceEquals($out[$i], $images[$i]) | Should -BeTrue -Because "image $i comes out in its place"
            $difference = Compare-Bytes $expected[$i] (Get-Pixels $out[$i])
            $difference.Count | Should -Be 0 -Because "image ${i}: $($difference.First)"
        }
        $images | Remove-CudaImage
    }

    It 'finishes an image''s first turn before its second when it comes twice' {
        $pixels = New-RandomPixels 300 200 7
        $twice = New-CpuImage $pixels 300 200
        $reference = New-CpuImage $pixels 300 200

        $out = @($twice, $twice | Invoke-GaussianBlur 4)
        $reference | Invoke-GaussianBlur 4 | Out-Null
        $reference | Invoke-GaussianBlur 4 | Out-Null

        $out.Count | Should -Be 2
        (Compare-Bytes (Get-Pixels $reference) (Get-Pixels $twice)).Count | Should -Be 0
        $twice, $reference | Remove-CudaImage
    }

    It 'names a failure in its place and goes on with the rest' {
        $images = @(New-CpuImages 6 -Seed 20)

        # A strict 260-pixel-wide crop fits only the images at least 260 wide (the fifth and sixth).
        $result = Invoke-Captured { $images | Invoke-GaussianBlur 2 | Invoke-Crop 0 0 260 100 -Strict }

        $result.Output.Count | Should -Be 2
        [object]::ReferenceEquals($result.Output[0], $images[4]) | Should -BeTrue
        [object]::ReferenceEquals($result.Output[1], $images[5]) | Should -BeTrue
        $result.Errors.Count | Should -Be 4
        $result.Errors.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'CropOutsideImage,PhotoFF.Commands.InvokeCropCommand'
        @($result.Errors.TargetObject | ForEach-Object { $_.Width }) | Should -Be 200, 217, 234, 251
        $images | Remove-CudaImage
    }

    It 'leaves no image being changed once Select-Object -First has ended the pipeline' {
        $images = @(New-CpuImages 6 -Seed 30)

        $first = @($images | Invoke-GaussianBlur 6 | Select-Object -First 1)

        [object]::ReferenceEquals($first[0], $images[0]) | Should -BeTrue
        # Every image is whole and usable: freeing them all while a blur still ran would fault or leak a lease.
        foreach ($image in $images) {
            $image.IsDisposed | Should -BeFalse
            (Get-Pixels $image).Length | Should -Be (4 * $image.Width * $image.Height)
        }
        $images | Remove-CudaImage
    }
}
