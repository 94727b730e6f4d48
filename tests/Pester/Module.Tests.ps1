# The loader, PhotoFF.psm1 and ModuleLifetime: Import-Module -Force, Remove-Module and Import-Module again, several
# runspaces at once, a second copy of the module. Each test runs in a fresh pwsh, as a user's session starts.

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force

    # Runs -Script in a fresh pwsh with $manifest set, and returns its output lines; fails with its errors if it wrote any.
    function Invoke-Session([string] $Script, [hashtable] $Environment = @{}) {
        $run = Invoke-Pwsh "`$ErrorActionPreference = 'Stop'; `$WarningPreference = 'SilentlyContinue'; `$manifest = '$(Get-PhotoFFManifest)'`n$Script" -Environment $Environment
        $run.ExitCode | Should -Be 0 -Because "the session failed: $($run.Error)$($run.Output)"
        $run.Error | Should -BeNullOrEmpty
        Get-Lines $run.Output
    }

    # What a session says to show that the module is whole: how many cmdlets it has and that a pipeline runs on the pool.
    $script:Check = '"cmdlets $((Get-Command -Module PhotoFF).Count) pixel $((New-CudaImage 4 4 Red | Invoke-GaussianBlur 1 | Measure-CudaImage).Red.Maximum) pools $(@(Get-CudaBufferPool).Count -gt 0)"'
    # (every cmdlet the manifest exports: Help.Tests.ps1 checks that they are all the assembly's)
    $script:Cmdlets = @((Import-PowerShellDataFile (Get-PhotoFFManifest)).CmdletsToExport).Count
    $script:Whole = "cmdlets $script:Cmdlets pixel 255 pools True"
    # How many backends are alive: none once the last runspace has removed the module (BackendSelector is internal).
    $script:Backends = '"backends $([PhotoFF.Imaging.CudaImage].Assembly.GetType(''PhotoFF.Imaging.BackendSelector'', $true).GetProperty(''Active'').GetValue($null).Count)"'
}

Describe 'Import-Module and Remove-Module' {
    It 'leave the full set of cmdlets and a working pool after Import-Module -Force, twice' {
        $lines = Invoke-Session @"
Import-Module `$manifest; $Check
Import-Module `$manifest -Force; $Check
Import-Module `$manifest -Force; $Check
Remove-Module PhotoFF; $Backends
"@

        $lines | Should -Be @($Whole, $Whole, $Whole, 'backends 0')
    }

    It 'free every backend on Remove-Module, and a new Import-Module starts them again' {
        $lines = Invoke-Session @"
Import-Module `$manifest; $Check; $Backends
Remove-Module PhotoFF; $Backends
(Get-Command New-CudaImage -ErrorAction Ignore) -eq `$null
Import-Module `$manifest; $Check
Remove-Module PhotoFF; $Backends
"@

        $lines | Should -Be @($Whole, 'backends 1', 'backends 0', 'True', $Whole, 'backends 0')
    }
}

Describe 'Several runspaces' {
    It 'import the module in ForEach-Object -Parallel, each with every cmdlet, and closing them frees nothing the session still uses' {
        $lines = Invoke-Session @"
Import-Module `$manifest; $Check
1..4 | ForEach-Object -Parallel {
    Import-Module `$using:manifest
    `$image = New-CudaImage 64 48 White | Invoke-GaussianBlur 2 | Add-CornerRadius 8
    "runspace cmdlets `$((Get-Command -Module PhotoFF).Count) corner `$((`$image | Invoke-Crop 0 0 1 1 | Measure-CudaImage).Alpha.Maximum)"
} -ThrottleLimit 4
$Check
Remove-Module PhotoFF; $Backends
"@

        $lines | Should -Be (@($Whole) + @("runspace cmdlets $Cmdlets corner 0") * 4 + @($Whole, 'backends 0'))
    }

    It 'import the module at the same moment in two runspaces' {
        $lines = Invoke-Session @"
`$shells = 1..2 | ForEach-Object {
    `$shell = [powershell]::Create()
    `$null = `$shell.AddScript('param(`$manifest) Import-Module `$manifest; $($Check.Replace("'", "''"))').AddArgument(`$manifest)
    `$shell
}
`$running = `$shells | ForEach-Object { `$_.BeginInvoke() }
for (`$i = 0; `$i -lt 2; `$i++) { `$shells[`$i].EndInvoke(`$running[`$i]); `$shells[`$i].Streams.Error | ForEach-Object { throw `$_ } }
`$shells | ForEach-Object Dispose
Import-Module `$manifest; $Check
Remove-Module PhotoFF; $Backends
"@

        $lines | Should -Be @($Whole, $Whole, $Whole, 'backends 0')
    }
}

Describe 'A second copy of the module' {
    BeforeAll {
        # A copy of the module's files in a folder of its own (libvips left out: the loaded copy's is used).
        function Copy-Module([string] $Destination) {
            $root = Get-RepositoryPath
            $null = New-Item (Join-Path $Destination bin) -ItemType Directory -Force
            'PhotoFF.psd1', 'PhotoFF.psm1', 'PhotoFF.Pester.ps1', 'PhotoFF.format.ps1xml' | ForEach-Object { Copy-Item (Join-Path $root $_) $Destination }
            Get-ChildItem (Join-Path $root bin) -File | Where-Object Name -NotLike 'libvips*' | Copy-Item -Destination (Join-Path $Destination bin)
            Join-Path $Destination PhotoFF.psd1
        }

        # Makes the copy's PhotoFF.dll another build: its module version id (MVID), which every build changes, is altered.
        function Set-OtherBuild([string] $Manifest) {
            $dll = Join-Path (Split-Path $Manifest) bin PhotoFF.dll
            $bytes = [IO.File]::ReadAllBytes($dll)
            $stream = [IO.MemoryStream]::new($bytes)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
            $mvid = $metadata.GetGuid($metadata.GetModuleDefinition().Mvid).ToByteArray()
            $at = [Convert]::ToHexString($bytes).IndexOf([Convert]::ToHexString($mvid)) / 2
            $at | Should -BeGreaterThan 0
            $bytes[$at] = $bytes[$at] -bxor 0xFF
            [IO.File]::WriteAllBytes($dll, $bytes)
        }
    }

    It 'from another path, of another build, is refused with a clear error and the first copy goes on working' {
        $other = Copy-Module (Join-Path $TestDrive other)
        Set-OtherBuild $other

        $lines = Invoke-Session @"
Import-Module `$manifest
try { Import-Module '$other'; 'imported' }
catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category; `$_.Exception.Message }
$Check
"@

        $lines[0] | Should -Be 'PhotoFFAlreadyLoaded,Microsoft.PowerShell.Commands.ImportModuleCommand'
        $lines[1] | Should -Be 'ResourceUnavailable'
        $lines[2] | Should -BeLike "PhotoFF * from $(Get-RepositoryPath bin PhotoFF.dll) is already loaded in this PowerShell process and $(Split-Path $other)*PhotoFF.dll (PhotoFF *) is a different build;*Start a new pwsh session*"
        $lines[3] | Should -Be $Whole
    }

    It 'of the same build is the same code, and imports from its own path' {
        $same = Copy-Module (Join-Path $TestDrive same)

        $lines = Invoke-Session @"
Import-Module `$manifest
Remove-Module PhotoFF
Import-Module '$same'; $Check
(Get-Module PhotoFF).Path
"@

        $lines | Should -Be @($Whole, (Join-Path (Split-Path $same) PhotoFF.psm1))
    }
}
