# What the hostile tests (Hostile*.Tests.ps1) need beyond TestSupport.psm1: crafted files (decompression bombs, an
# animated GIF), a child pwsh that reports its own peak memory, and a child pwsh that can be sent SIGINT.

Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1'))

# A PNG that declares a large 1-bit greyscale image of zeros: a few kilobytes on disk, 4 x Width x Height bytes decoded.
# Plain PowerShell (no Add-Type: the pwsh on the GPU machine has no reference assemblies to compile with).
function New-BombPng {
    param([Parameter(Mandatory)] [string] $Path, [int] $Width = 8000, [int] $Height = 8000)
    $rows = [IO.MemoryStream]::new()
    $zlib = [IO.Compression.ZLibStream]::new($rows, [IO.Compression.CompressionLevel]::SmallestSize, $true)
    # Each row: filter byte 0, then (Width + 7) / 8 bytes of black pixels.
    $zeros = [byte[]]::new((1 + [Math]::Floor(($Width + 7) / 8)) * $Height)
    $zlib.Write($zeros, 0, $zeros.Length)
    $zlib.Dispose()

    $header = [byte[]]::new(13)
    [Array]::Copy((ConvertTo-BigEndian $Width), 0, $header, 0, 4)
    [Array]::Copy((ConvertTo-BigEndian $Height), 0, $header, 4, 4)
    $header[8] = 1 # bit depth 1; colour type 0 (grey), deflate, adaptive filtering, not interlaced
    $png = [IO.MemoryStream]::new()
    $signature = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
    $png.Write($signature, 0, $signature.Length)
    Write-PngChunk $png 'IHDR' $header
    Write-PngChunk $png 'IDAT' $rows.ToArray()
    Write-PngChunk $png 'IEND' ([byte[]]::new(0))
    [IO.File]::WriteAllBytes($Path, $png.ToArray())
    Get-Item -LiteralPath $Path
}

function ConvertTo-BigEndian([uint32] $Value) {
    [byte[]]@((($Value -shr 24) -band 0xFF), (($Value -shr 16) -band 0xFF), (($Value -shr 8) -band 0xFF), ($Value -band 0xFF))
}

# A PNG chunk: length, type, data, and the CRC-32 of type and data.
function Write-PngChunk([IO.Stream] $Stream, [string] $Type, [byte[]] $Data) {
    $typed = [byte[]]::new(4 + $Data.Length)
    [Text.Encoding]::ASCII.GetBytes($Type).CopyTo($typed, 0)
    $Data.CopyTo($typed, 4)
    foreach ($part in (ConvertTo-BigEndian $Data.Length), $typed, (ConvertTo-BigEndian (Get-Crc32 $typed))) {
        $Stream.Write($part, 0, $part.Length)
    }
}

function Get-Crc32([byte[]] $Bytes) {
    if (-not $script:CrcTable) {
        $table = [uint32[]]::new(256)
        for ($n = 0; $n -lt 256; $n++) {
            [uint32] $c = $n
            for ($k = 0; $k -lt 8; $k++) {
                $c = if ($c -band 1) { [uint32](3988292384 -bxor ($c -shr 1)) } else { [uint32]($c -shr 1) }
            }
            $table[$n] = $c
        }
        $script:CrcTable = $table
    }
    [uint32] $crc = [uint32]::MaxValue
    foreach ($byte in $Bytes) {
        $crc = [uint32]($script:CrcTable[($crc -bxor $byte) -band 0xFF] -bxor ($crc -shr 8))
    }
    [uint32]($crc -bxor [uint32]::MaxValue)
}

# A GIF of two 1x1 frames (the smallest LZW image data, twice): an animation whose first frame only is imported.
function New-AnimatedGif {
    param([Parameter(Mandatory)] [string] $Path)
    $frame = [byte[]](0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00)
    $control = [byte[]](0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00)
    $bytes = [Text.Encoding]::ASCII.GetBytes('GIF89a') + [byte[]](1, 0, 1, 0, 0x80, 0, 0) + [byte[]](0, 0, 0, 255, 255, 255) +
        $control + $frame + $control + $frame + [byte[]](0x3B)
    [IO.File]::WriteAllBytes($Path, $bytes)
    Get-Item -LiteralPath $Path
}

# Runs $Script in a fresh pwsh with the module imported and `Get-ProcessMemory` defined, and returns the objects the
# script wrote to its output as JSON (ConvertTo-Json -Compress, one per line). Get-ProcessMemory reports the process's
# own peak (VmHWM) and current (VmRSS) resident memory in bytes, read from /proc/self/status.
function Invoke-PwshMeasured {
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 300)
    $prelude = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue
function Get-ProcessMemory {
    `$status = Get-Content /proc/self/status
    [pscustomobject]@{
        Peak = [int64](`$status | Select-String '^VmHWM:\s+(\d+)').Matches[0].Groups[1].Value * 1KB
        Current = [int64](`$status | Select-String '^VmRSS:\s+(\d+)').Matches[0].Groups[1].Value * 1KB
    }
}
"@
    $result = Invoke-Pwsh -Command ($prelude + "`n" + $Script) -Environment $Environment -TimeoutSeconds $TimeoutSeconds
    if ($result.ExitCode -ne 0) { throw "The measured pwsh failed (exit $($result.ExitCode)): $($result.Error) $($result.Output)" }
    $result.Output -split "`n" | Where-Object { $_.Trim().StartsWith('{') } | ForEach-Object { $_ | ConvertFrom-Json }
}

# Starts a fresh pwsh running $Script (the module imported), with its output captured, and returns the process.
function Start-PwshScript {
    param([Parameter(Mandatory)] [string] $Script)
    $pwsh = Get-PwshCommand
    $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    $command = "Import-Module '$(Get-PhotoFFManifest)' -WarningAction SilentlyContinue`n" + $Script
    foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $command)) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    # Read both streams as they come, so that a full pipe never blocks the child.
    $process | Add-Member -NotePropertyName StandardOutputText -NotePropertyValue $process.StandardOutput.ReadToEndAsync()
    $process | Add-Member -NotePropertyName StandardErrorText -NotePropertyValue $process.StandardError.ReadToEndAsync()
    $process
}

# Whether a process ignores SIGINT (started in the background by a non-interactive shell, or under nohup): then
# Ctrl+C cannot reach it, whatever PowerShell does, and a test of Ctrl+C has nothing to test.
# A process that has already exited ignores nothing: the test goes on and fails on what it then finds.
function Test-IgnoresInterrupt([Diagnostics.Process] $Process) {
    $status = Get-Content "/proc/$($Process.Id)/status" -ErrorAction Ignore | Select-String '^SigIgn:\s+([0-9a-f]+)'
    if ($Process.HasExited -or -not $status) { return $false }
    ([Convert]::ToUInt64($status.Matches[0].Groups[1].Value, 16) -band 2) -ne 0
}

# Sends SIGINT (what Ctrl+C sends) to the process itself and returns the seconds until it exited (or $null when it
# had not exited after $TimeoutSeconds, in which case it is killed).
function Send-Interrupt {
    param([Parameter(Mandatory)] [Diagnostics.Process] $Process, [int] $TimeoutSeconds = 30)
    & kill -INT $Process.Id
    $clock = [Diagnostics.Stopwatch]::StartNew()
    if ($Process.WaitForExit($TimeoutSeconds * 1000)) { return $clock.Elapsed.TotalSeconds }
    $Process.Kill($true)
    $null
}

# Waits until $Path exists (a marker a child script writes when it reaches a point), up to $TimeoutSeconds.
function Wait-ForFile([string] $Path, [int] $TimeoutSeconds = 120) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    while (-not [IO.File]::Exists($Path)) {
        if ($clock.Elapsed.TotalSeconds -gt $TimeoutSeconds) { throw "$Path did not appear within $TimeoutSeconds s." }
        Start-Sleep -Milliseconds 100
    }
}

Export-ModuleMember -Function New-BombPng, New-AnimatedGif, Invoke-PwshMeasured, Start-PwshScript, Test-IgnoresInterrupt, Send-Interrupt, Wait-ForFile
