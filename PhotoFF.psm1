# PhotoFF: GPU image processing for PowerShell. The cmdlets live in bin/PhotoFF.dll; this script loads it as a
# nested module, so that Remove-Module PhotoFF also removes the binary module (whose cleanup frees the GPU pool).
# Only engine built-ins are used here: hosts without the Management module (the PowerShell SDK package) load it too.

$assembly = [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'PhotoFF' }, 'First')
if ($assembly.Count -eq 0) {
    # A host that references PhotoFF.dll (the tests, photoff) has it loaded already; otherwise the module's bin
    # folder, or this script's folder for a flat build output.
    $candidates = @([IO.Path]::Combine($PSScriptRoot, 'bin', 'PhotoFF.dll'), [IO.Path]::Combine($PSScriptRoot, 'PhotoFF.dll'))
    $path = $candidates.Where({ [IO.File]::Exists($_) }, 'First')
    if ($path.Count -eq 0) {
        throw "PhotoFF.dll was not found in $PSScriptRoot/bin. Build the module first: dotnet build -c Release"
    }
    $assembly = @([System.Reflection.Assembly]::LoadFrom($path[0]))
}

Import-Module -Assembly $assembly[0]
