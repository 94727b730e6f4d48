using System.Diagnostics;
using PhotoFF.Memory;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Pipeline;

[CollectionDefinition(nameof(PoolCollection), DisableParallelization = true)]
public sealed class PoolCollection;

/// <summary>Pool behaviour seen from PowerShell. Runs alone, so that other tests' images do not move the counters.</summary>
[Collection(nameof(PoolCollection))]
public sealed class PoolTests
{
    [Fact]
    public void After_a_warm_up_a_batch_no_larger_makes_no_new_allocation()
    {
        string[] files = Directory.GetFiles(TestImages.Path("exif", "orientation"), "*.jpg").Order().ToArray();
        using PowerShellSession session = new();
        const string Pipeline = "$files | Import-CudaImage | Invoke-GaussianBlur 5 | Add-CornerRadius 40 | Remove-CudaImage";
        var vars = new Dictionary<string, object?> { ["files"] = files };
        session.Run(Pipeline, vars).ThrowOnErrors();
        BufferPoolStatistics warm = PixelPool(session);
        long before = warm.Allocations;

        session.Run(Pipeline, vars).ThrowOnErrors();
        session.Run("$files[0..3] | Import-CudaImage | Invoke-GaussianBlur 2 | Remove-CudaImage", vars).ThrowOnErrors();

        BufferPoolStatistics after = PixelPool(session);
        Assert.Equal(before, after.Allocations);
        Assert.True(after.Hits > 0);
        // Every image of the batches was removed; images other tests dropped undisposed may still be waiting for the
        // finalizer, so the count can only have fallen.
        Assert.True(after.LeasedBuffers <= warm.LeasedBuffers, $"{after.LeasedBuffers} buffers leased after the batches, {warm.LeasedBuffers} before");
    }

    [Fact]
    public void Clear_CudaBufferPool_frees_idle_buffers()
    {
        using PowerShellSession session = new();
        session.Run("New-CudaImage 640 480 -Color Red | Invoke-GaussianBlur 4 | Remove-CudaImage").ThrowOnErrors();
        Assert.True(PixelPool(session).BytesHeld > 0);
        session.Run("Clear-CudaBufferPool").ThrowOnErrors();

        // Every idle buffer is freed; what remains is leased, by images other tests dropped undisposed and the
        // finalizer has not handed back yet.
        BufferPoolStatistics cleared = PixelPool(session);
        Assert.Equal(cleared.BytesLeased, cleared.BytesHeld);
    }

    [Fact]
    public void Images_collected_undisposed_return_their_buffers()
    {
        using PowerShellSession session = new();
        session.Run("1..6 | ForEach-Object { New-CudaImage 320 200 -Color Green | Invoke-GaussianBlur 2 } | Out-Null").ThrowOnErrors();
        for (int i = 0; i < 5 && PixelPool(session).LeasedBuffers > 0; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(0, PixelPool(session).LeasedBuffers);
    }

    [Fact]
    public void Remove_Module_returns_device_memory_to_its_level_before_Import_Module()
    {
        _ = TestBackends.Cuda; // Skips without a GPU.
        string host = Path.Combine(AppContext.BaseDirectory, "PhotoFF.Host.dll");
        Assert.True(File.Exists(host), "the photoff host is built beside the tests");
        // The probe is a context of the module's own (internal) CUDA binding, reached by reflection: the device's free
        // memory, measured from outside the module's lifetime.
        const string Script = """
            $cuda = [PhotoFF.Imaging.CudaImage].Assembly
            $null = $cuda.GetType('PhotoFF.Cuda.CudaDriver', $true).GetMethod('TryInitialize').Invoke($null, [object[]]::new(1))
            $device = $cuda.GetType('PhotoFF.Cuda.CudaDevice', $true).GetMethod('Get').Invoke($null, [object[]]@(0))
            $contextType = $cuda.GetType('PhotoFF.Cuda.CudaContext', $true)
            $probe = [Activator]::CreateInstance($contextType, [object[]]@($device))
            $memoryInfo = $contextType.GetMethod('MemoryInfo')
            Remove-Module PhotoFF
            $before = $memoryInfo.Invoke($probe, $null).Item1
            Import-Module ("$PSScriptRoot" + '/module/PhotoFF.psd1')
            1..4 | ForEach-Object { New-CudaImage 3840 2160 -Color Red | Invoke-GaussianBlur 5 | Add-CornerRadius 40 } | Out-Null
            $during = $memoryInfo.Invoke($probe, $null).Item1
            Remove-Module PhotoFF
            $after = $memoryInfo.Invoke($probe, $null).Item1
            "$before $during $after"
            """;
        ProcessStartInfo start = new("dotnet", [host, "-Command", Script.Replace("$PSScriptRoot", AppContext.BaseDirectory.TrimEnd('/'))])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"photoff failed ({process.ExitCode}): {errors}{output}");
        long[] free = output.Trim().Split('\n')[^1].Split(' ').Select(long.Parse).ToArray();
        Assert.True(free[1] < free[0] - 100_000_000, $"the images took no device memory: {output}");
        Assert.InRange(free[2], free[0] - 4 * 1024 * 1024, free[0] + 4 * 1024 * 1024);
    }

    private static BufferPoolStatistics PixelPool(PowerShellSession session) =>
        session.Run("Get-CudaBufferPool").OutputOf<BufferPoolStatistics>().Single(p => p.Pool.EndsWith("pixels", StringComparison.Ordinal) && p.Pool.StartsWith(Imaging.BackendSelector.Current.Kind == Backends.BackendKind.Cuda ? "cuda" : "cpu", StringComparison.Ordinal));
}
