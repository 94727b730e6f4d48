# The headline pipeline of the README over real photos, as users write it: Get-ChildItem | Import-CudaImage |
# Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # High-frequency energy: the mean absolute difference between horizontal neighbours, over the opaque band between
    # the rounded corners (40 pixels in from the left and right). Blurring lowers it.
    function Get-Sharpness([PhotoFF.Imaging.CudaImage] $Image) {
        $band = $Image.Width - 81
        $left = $Image | Copy-CudaImage | Invoke-Crop 40 0 $band $Image.Height
        $right = $Image | Copy-CudaImage | Invoke-Crop 41 0 $band $Image.Height
        try { (Compare-CudaImage $left $right).MeanAbsoluteError } finally { $left, $right | Remove-CudaImage }
    }

    # The alpha of the pixel at (-X, -Y).
    function Get-Alpha([PhotoFF.Imaging.CudaImage] $Image, [int] $X, [int] $Y) {
        $pixel = $Image | Copy-CudaImage | Invoke-Crop $X $Y 1 1
        try { ($pixel | Measure-CudaImage).Alpha.Maximum } finally { $pixel | Remove-CudaImage }
    }
}

Describe 'The headline pipeline' {
    It 'imports, blurs, rounds the corners of and exports every sample photo found by Get-ChildItem' {
        $out = Join-Path $TestDrive 'samples'
        $files = Get-ChildItem (Get-SamplePath photos) -Filter *.jpg | Select-Object -First 4

        $files | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage $out -Format Png

        $written = Get-ChildItem $out -Filter *.png
        $written.BaseName | Should -Be $files.BaseName
        foreach ($file in $written) {
            $image = Import-CudaImage -LiteralPath $file.FullName
            $corner = $image | Invoke-Crop 0 0 1 1 | Measure-CudaImage
            $corner.Alpha.Maximum | Should -Be 0
        }
    }

    It 'writes every photo of <Folder> blurred, with transparent corners, at its size' -ForEach @(
        @{ Folder = 'photos' }
        @{ Folder = 'exif/orientation' }
    ) {
        $out = Join-Path $TestDrive ($Folder -replace '/', '-')
        $files = Get-ChildItem (Get-TestImagePath ($Folder -split '/')) -File | Where-Object Extension -In '.jpg', '.tiff', '.png'

        $files | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Export-CudaImage $out -Format Png -ErrorAction Stop

        foreach ($file in $files) {
            $written = Join-Path $out "$($file.BaseName).png"
            Test-Path $written | Should -BeTrue -Because "$written must be written"
            $source = Import-CudaImage -LiteralPath $file.FullName
            $result = Import-CudaImage -LiteralPath $written
            "$($result.Width)x$($result.Height)" | Should -Be "$($source.Width)x$($source.Height)"
            Get-Sharpness $result | Should -BeLessThan (Get-Sharpness $source) -Because "$written must be blurred"
            foreach ($corner in @(0, 0), @(($result.Width - 1), 0), @(0, ($result.Height - 1)), @(($result.Width - 1), ($result.Height - 1))) {
                Get-Alpha $result $corner[0] $corner[1] | Should -Be 0 -Because "the corner ($corner) of $written must be transparent"
            }
            $source, $result | Remove-CudaImage
        }
    }
}
