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
            Tags       = @('Image', 'GPU', 'CUDA', 'Photo', 'Blur', 'Resize')
            ProjectUri = 'https://github.com/photoff/PhotoFF.PowerShell'
        }
    }
}
