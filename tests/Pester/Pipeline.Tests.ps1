BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'The headline pipeline' {
    It 'imports, blurs, rounds the corners of and exports every sample photo found by Get-ChildItem' {
        $out = Join-Path $TestDrive 'out'
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
}
