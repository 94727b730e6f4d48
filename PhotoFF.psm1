# PhotoFF: GPU image processing for PowerShell. The cmdlets live in bin/PhotoFF.dll, imported here by path as a nested
# module, so that Remove-Module PhotoFF removes it too (and the last runspace's removal frees the GPU pool), and so that
# Import-Module -Force imports its cmdlets again. (Importing the loaded assembly object instead, with -Assembly, made
# -Force leave no cmdlets: PowerShell found that module still loaded and imported nothing into the new script module.)

$binary = [IO.Path]::Combine($PSScriptRoot, 'bin', 'PhotoFF.dll')
if (-not [IO.File]::Exists($binary)) {
    throw "PhotoFF.dll was not found in $PSScriptRoot/bin. Build the module first: dotnet build -c Release"
}

# .NET loads one PhotoFF assembly per process. A second, different PhotoFF.dll (another copy of the module, or this one
# rebuilt) would silently run the first one's code, so it is refused; the same build from another path is the same code.
$loaded = [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'PhotoFF' }, 'First')
if ($loaded.Count -gt 0) {
    $reader = [System.Reflection.PortableExecutable.PEReader]::new([IO.File]::OpenRead($binary))
    try {
        $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($reader)
        $build = $metadata.GetGuid($metadata.GetModuleDefinition().Mvid)
    }
    finally { $reader.Dispose() }

    if ($build -ne $loaded[0].ManifestModule.ModuleVersionId) {
        $first = "PhotoFF $($loaded[0].GetName().Version) from $($loaded[0].Location)"
        $second = "$binary (PhotoFF $([Reflection.AssemblyName]::GetAssemblyName($binary).Version))"
        $why = if ($loaded[0].Location -eq $binary) { "$second was rebuilt since then" } else { "$second is a different build" }
        $message = "$first is already loaded in this PowerShell process and $why; .NET cannot load a second PhotoFF.dll beside the first. Start a new pwsh session to use this copy."
        throw [Management.Automation.ErrorRecord]::new([InvalidOperationException]::new($message), 'PhotoFFAlreadyLoaded', 'ResourceUnavailable', $binary)
    }
}

Import-Module $binary -ErrorAction Stop

# Should -BeSimilarImage for users' Pester tests: registered with Pester now if it is loaded, else by the hook when a
# Pester command is first looked up (PhotoFF.Pester.ps1, Commands/PesterAssertionHook.cs).
. ([IO.Path]::Combine($PSScriptRoot, 'PhotoFF.Pester.ps1'))
$pesterHook = [PhotoFF.Commands.PesterAssertionHook]::new($ExecutionContext.InvokeCommand, ${function:Register-PhotoFFAssertion})
foreach ($pester in @(Get-Module Pester)) { $pesterHook.RegisterWith($pester) }
$ExecutionContext.SessionState.Module.OnRemove = { $pesterHook.Dispose() }.GetNewClosure()
