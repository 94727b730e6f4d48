# What the hostile tests (Hostile*.Tests.ps1) need beyond TestSupport.psm1: crafted files (decompression bombs, an
# animated GIF), a child pwsh that reports its own peak memory, and a child pwsh that can be sent SIGINT.

Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1'))

# A PNG that declares a large 1-bit greyscale image of zeros: a few kilobytes on disk, 4 x Width x Height bytes decoded.
function New-BombPng {
    param([Parameter(Mandatory)] [string] $Path, [int] $Width = 8000, [int] $Height = 8000)
    if (-not ('PhotoFFTests.BombPng' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.IO;
using System.IO.Compression;
using System.Text;
namespace PhotoFFTests
{
    public static class BombPng
    {
        public static void Write(string path, int width, int height)
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }

            using var file = File.Create(path);
            file.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            void Chunk(string type, byte[] data)
            {
                var typed = new byte[4 + data.Length];
                Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
                data.CopyTo(typed, 4);
                uint crc = 0xFFFFFFFF;
                foreach (byte b in typed) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
                file.Write(BigEndian((uint)data.Length));
                file.Write(typed);
                file.Write(BigEndian(crc ^ 0xFFFFFFFF));
            }

            var header = new byte[13];
            BigEndian((uint)width).CopyTo(header, 0);
            BigEndian((uint)height).CopyTo(header, 4);
            header[8] = 1; // bit depth 1, colour type 0 (grey), deflate, no filter method, not interlaced
            Chunk("IHDR", header);
            var zlib = new MemoryStream();
            using (var z = new ZLibStream(zlib, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[1 + (width + 7) / 8];
                for (int y = 0; y < height; y++) z.Write(row);
            }

            Chunk("IDAT", zlib.ToArray());
            Chunk("IEND", Array.Empty<byte>());
        }

        private static byte[] BigEndian(uint v) => new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v };
    }
}
'@
    }
    [PhotoFFTests.BombPng]::Write($Path, $Width, $Height)
    Get-Item -LiteralPath $Path
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
function Test-IgnoresInterrupt([Diagnostics.Process] $Process) {
    $mask = (Get-Content "/proc/$($Process.Id)/status" | Select-String '^SigIgn:\s+([0-9a-f]+)').Matches[0].Groups[1].Value
    ([Convert]::ToUInt64($mask, 16) -band 2) -ne 0
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
