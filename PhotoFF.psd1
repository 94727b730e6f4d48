@{
    RootModule           = 'PhotoFF.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d3c52-8a47-4e0b-9d2f-3b7c1e5a9f40'
    Author               = 'PhotoFF for PowerShell'
    CompanyName          = 'PhotoFF for PowerShell'
    Copyright            = '(c) PhotoFF for PowerShell contributors'
    Description          = 'GPU image processing on NVIDIA GPUs through CUDA, with a CPU backend when there is no GPU: import, blur, round corners, resize, composite and export images in pipelines.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('PhotoFF.format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Import-CudaImage'
        'Export-CudaImage'
        'New-CudaImage'
        'Copy-CudaImage'
        'Remove-CudaImage'
        'Get-CudaDevice'
        'Get-CudaBufferPool'
        'Clear-CudaBufferPool'
        'Invoke-GaussianBlur'
        'Add-CornerRadius'
        'Invoke-Flip'
        'Invoke-Rotate'
        'Invoke-Fill'
        'Add-Overlay'
        'Resize-CudaImage'
        'Invoke-Crop'
        'Set-Opacity'
        'ConvertTo-Grayscale'
        'Invoke-ChromaKey'
        'Invoke-ColorAdjustment'
        'Measure-CudaImage'
        'Compare-CudaImage'
        'Join-CudaImage'
        'New-TextImage'
        'ConvertTo-CudaImage'
        'ConvertFrom-CudaImage'
        'Add-Stroke'
        'Add-Shadow'
        'Invoke-Sharpen'
        'Get-ImageMetadata'
    )
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('PSEdition_Core', 'Linux', 'Windows', 'GPU', 'CUDA', 'NVIDIA', 'Image', 'ImageProcessing', 'Photo', 'Blur', 'Resize', 'Pester')
            LicenseUri   = 'https://github.com/photoff/PhotoFF.PowerShell/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/photoff/PhotoFF.PowerShell'
            ReleaseNotes = @'
0.1.0: the first release. 30 cmdlets for image pipelines on NVIDIA GPUs through CUDA (no CUDA toolkit needed: the driver
compiles the kernels), with a CPU backend where there is no GPU: import and export (JPEG, PNG, WebP, TIFF, AVIF, GIF;
EXIF orientation, metadata stripped unless -KeepMetadata), blur, sharpen, rounded corners, stroke, shadow, chroma key,
colour adjustment, grayscale, opacity, flip, rotate, crop, resize, fills and gradients, overlays, text, grids,
measurement and comparison, metadata read from headers (Get-ImageMetadata) and kept without GPS
(-ExcludeMetadata Gps), and Should -BeSimilarImage for Pester tests. Linux x64 and Windows x64, PowerShell 7.4+.
'@
        }
    }
}
