# The package a user installs from the PowerShell Gallery: what it holds, and that it installs with PSResourceGet and
# autoloads in a new session. Publishing and installing happen in pwsh processes whose home folder is a temporary one,
# so that the repository registration and the installed module touch nothing of the real user's.

BeforeDiscovery {
    # Install-PSResource -Scope CurrentUser goes to Documents\PowerShell\Modules on Windows, which HOME does not move.
    $notUnix = $IsWindows
    # PSResourceGet ships with pwsh 7.4 and later; a pwsh trimmed without it (the one carried to the GPU machine) cannot pack.
    $noPSResourceGet = -not (Get-Command Compress-PSResource -ErrorAction Ignore)
}

Describe 'The package' -Skip:$noPSResourceGet {
    BeforeAll {
        Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force

        $packageFolder = Join-Path $TestDrive package
        $script:Package = & (Get-RepositoryPath tools New-ModulePackage.ps1) -OutputPath $packageFolder
        $script:Entries = & {
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [IO.Compression.ZipFile]::OpenRead($Package)
            try { @($zip.Entries.FullName | Sort-Object) } finally { $zip.Dispose() }
        }

        # A temporary home for the pwsh processes that publish, install and use the package.
        $temporaryHome = (New-Item (Join-Path $TestDrive home) -ItemType Directory).FullName
        $script:Session = @{
            HOME            = $temporaryHome
            USERPROFILE     = $temporaryHome
            XDG_DATA_HOME   = Join-Path $temporaryHome .local share
            XDG_CONFIG_HOME = Join-Path $temporaryHome .config
            XDG_CACHE_HOME  = Join-Path $temporaryHome .cache
            PSModulePath    = $null
        }
        # .NET names a user folder (where PSResourceGet keeps its repositories) only once it exists.
        $Session.XDG_DATA_HOME, $Session.XDG_CONFIG_HOME, $Session.XDG_CACHE_HOME | ForEach-Object { $null = New-Item $_ -ItemType Directory -Force }
    }

    It 'is named after the manifest version' {
        $version = (Import-PowerShellDataFile (Get-PhotoFFManifest)).ModuleVersion
        Split-Path -Leaf $Package | Should -Be "PhotoFF.$version.nupkg"
    }

    It 'holds the module files, the runtime files and the help, and nothing a user does not install' {
        $root = @($Entries.Where({ $_ -notmatch '/' -and $_ -notmatch '^\[Content_Types\]\.xml$|\.nuspec$' }))
        $root | Should -Be @('LICENSE', 'PhotoFF.format.ps1xml', 'PhotoFF.Pester.ps1', 'PhotoFF.psd1', 'PhotoFF.psm1', 'README.md')
        $Entries | Should -Contain 'bin/PhotoFF.dll'
        $Entries | Should -Contain 'bin/NetVips.dll'
        $Entries | Should -Contain 'bin/libvips.so.42'
        $Entries | Should -Contain 'bin/libvips-42.dll'
        $Entries | Should -Contain 'en-US/PhotoFF.dll-Help.xml'
        $Entries.Where({ $_ -like 'bin/*' -and $_ -match '\.(pdb|xml|json)$' }) | Should -BeNullOrEmpty
        $Entries.Where({ $_ -match '^(src|tests|tools|bench|samples|kernels|help)/' -or $_ -match 'HelpWriter' }) | Should -BeNullOrEmpty
        $Entries.Where({ $_ -like 'en-US/*' -and $_ -notmatch '^en-US/(PhotoFF\.dll-Help\.xml|about_.+\.help\.txt)$' }) | Should -BeNullOrEmpty
    }

    It 'describes itself for the Gallery' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('PhotoFF.nuspec').Open())
            [xml]$nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata

        $metadata.licenseUrl | Should -Be 'https://github.com/photoff/PhotoFF.PowerShell/blob/main/LICENSE'
        $metadata.projectUrl | Should -Be 'https://github.com/photoff/PhotoFF.PowerShell'
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
        $tags = $metadata.tags -split ' '
        foreach ($tag in 'PSEdition_Core', 'Linux', 'Windows', 'GPU', 'CUDA', 'Image') { $tags | Should -Contain $tag }
    }

    It 'publishes to a file repository, installs with Install-PSResource, and autoloads in a new pwsh' -Skip:$notUnix {
        $feed = New-Item (Join-Path $TestDrive feed) -ItemType Directory
        $out = Join-Path $TestDrive installed-out
        $install = Invoke-Pwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name PhotoFFTest -Uri '$feed' -Trusted
Publish-PSResource -NupkgPath '$Package' -Repository PhotoFFTest
Install-PSResource PhotoFF -Repository PhotoFFTest -Scope CurrentUser -TrustRepository
(Get-InstalledPSResource PhotoFF).InstalledLocation
"@ -Environment $Session -WorkingDirectory $Session.HOME

        $install.ExitCode | Should -Be 0 -Because $install.Error
        @(Get-ChildItem $feed -Filter 'PhotoFF.*.nupkg').Count | Should -Be 1
        $installed = @(Get-Lines $install.Output)[-1]
        $installed | Should -BeLike "$($Session.XDG_DATA_HOME)*"
        Test-Path (Join-Path $Session.XDG_DATA_HOME PSResourceGet PSResourceRepository.xml) | Should -BeTrue

        $run = Invoke-Pwsh @"
`$WarningPreference = 'SilentlyContinue'
Get-ChildItem '$(Get-SamplePath photos)' -Filter *.jpg | Select-Object -First 2 | Import-CudaImage | Invoke-GaussianBlur 2 | Add-CornerRadius 8 | Export-CudaImage '$out' -Format Png
(Get-Module PhotoFF).ModuleBase
(Get-Help Invoke-GaussianBlur).Synopsis
"@ -Environment $Session -WorkingDirectory $Session.HOME

        $run.ExitCode | Should -Be 0 -Because $run.Error
        $lines = @(Get-Lines $run.Output)
        $lines[0] | Should -BeLike "$installed*"
        $lines[1] | Should -Be 'Blurs each image from the pipeline with a Gaussian blur, in place.'
        @(Get-ChildItem $out -Filter *.png).Count | Should -Be 2
    }
}
