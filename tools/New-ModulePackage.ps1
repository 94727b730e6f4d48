<#
.SYNOPSIS
    Stages what a user installs of the built module and makes the PowerShell Gallery package (.nupkg) of it.
.DESCRIPTION
    Run by `build.ps1 -Task Package` after the build, or by the package test on a module already built. Stages, in
    -OutputPath/PhotoFF: the manifest, the script module and its Pester assertion, the format file, bin/ with the runtime
    files only (PhotoFF.dll, its managed dependencies and native libvips for Linux x64 and Windows x64: no symbols, no XML
    docs, no deps.json), en-US/ with the cmdlets' MAML help and the about topics of the repository's en-US folder, LICENSE
    and README.md. Then Compress-PSResource (Microsoft.PowerShell.PSResourceGet, shipped with PowerShell 7.6) packs the
    folder into -OutputPath/PhotoFF.<version>.nupkg, whose path the script writes.
.PARAMETER OutputPath
    Where the staged folder and the package go; emptied of a previous PhotoFF stage and package first.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..'))
$bin = [IO.Path]::Combine($root, 'bin')
$help = [IO.Path]::Combine($bin, 'PhotoFF.dll-Help.xml')
foreach ($built in [IO.Path]::Combine($bin, 'PhotoFF.dll'), $help) {
    if (-not [IO.File]::Exists($built)) { throw "$built is missing: build the module first (./build.ps1 Build)." }
}

$OutputPath = [IO.Path]::GetFullPath($OutputPath)
$stage = [IO.Path]::Combine($OutputPath, 'PhotoFF')
if ([IO.Directory]::Exists($stage)) { [IO.Directory]::Delete($stage, $true) }
Get-ChildItem -LiteralPath $OutputPath -Filter 'PhotoFF.*.nupkg' -ErrorAction Ignore | Remove-Item
$null = [IO.Directory]::CreateDirectory([IO.Path]::Combine($stage, 'bin'))
$null = [IO.Directory]::CreateDirectory([IO.Path]::Combine($stage, 'en-US'))

foreach ($file in 'PhotoFF.psd1', 'PhotoFF.psm1', 'PhotoFF.Pester.ps1', 'PhotoFF.format.ps1xml', 'LICENSE', 'README.md') {
    Copy-Item -LiteralPath ([IO.Path]::Combine($root, $file)) -Destination $stage
}

# The runtime files: what the build laid out in bin/, less what only developers use.
$developerOnly = '*.pdb', '*.xml', '*.deps.json'
Get-ChildItem -LiteralPath $bin -File |
    Where-Object { $name = $_.Name; -not @($developerOnly.Where({ $name -like $_ })).Count } |
    Copy-Item -Destination ([IO.Path]::Combine($stage, 'bin'))

# Get-Help finds the cmdlets' MAML in en-US/ of the module folder, beside the about topics, in every UI culture.
Copy-Item -LiteralPath $help -Destination ([IO.Path]::Combine($stage, 'en-US'))
$about = [IO.Path]::Combine($root, 'en-US')
if ([IO.Directory]::Exists($about)) {
    Get-ChildItem -LiteralPath $about -Filter 'about_*.help.txt' | Copy-Item -Destination ([IO.Path]::Combine($stage, 'en-US'))
}

Compress-PSResource -Path $stage -DestinationPath $OutputPath
$version = (Import-PowerShellDataFile ([IO.Path]::Combine($stage, 'PhotoFF.psd1'))).ModuleVersion
$package = [IO.Path]::Combine($OutputPath, "PhotoFF.$version.nupkg")
if (-not [IO.File]::Exists($package)) { throw "Compress-PSResource did not write $package." }
$package
