using PhotoFF.Codecs;

namespace PhotoFF.Tests.Reliability;

/// <summary>libvips' operation cache is off unless PHOTOFF_VIPS_CACHE says otherwise (issue 6, item 7).</summary>
public sealed class VipsCacheSettingsTests
{
    [Theory]
    [InlineData(null, 0, 0UL, 0)]
    [InlineData("", 0, 0UL, 0)]
    [InlineData("100", 100, 100UL << 20, 100)]
    [InlineData(" 20 , 64MB ", 20, 64UL << 20, 100)]
    [InlineData("5,1048576,3", 5, 1UL << 20, 3)]
    [InlineData("7,2gb,1", 7, 2UL << 30, 1)]
    public void The_setting_reads_operations_memory_and_files(string? setting, int operations, ulong memory, int files) =>
        Assert.Equal((operations, memory, files), VipsCacheSettings.Read(setting));

    [Theory]
    [InlineData("lots")]
    [InlineData("100,,3")]
    [InlineData("-1")]
    [InlineData("1,2,3,4")]
    public void A_setting_that_says_nothing_clear_is_refused_with_the_expected_form(string setting)
    {
        FormatException error = Assert.Throws<FormatException>(() => VipsCacheSettings.Read(setting));
        Assert.Contains("operations[,memory[,files]]", error.Message);
    }

    [Fact]
    public void The_cache_is_off_in_this_process()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(VipsCacheSettings.EnvironmentVariable) is { Length: > 0 }, "PHOTOFF_VIPS_CACHE is set for this run");
        VipsRuntime.EnsureInitialized();
        Assert.Equal((0, 0UL, 0), (NetVips.Cache.Max, NetVips.Cache.MaxMem, NetVips.Cache.MaxFiles));
    }

    [Fact]
    public void Libvips_runs_one_worker_thread_per_operation_in_this_process()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(VipsRuntime.ConcurrencyVariable) is { Length: > 0 }, "VIPS_CONCURRENCY is set for this run");
        VipsRuntime.EnsureInitialized();
        Assert.Equal(1, NetVips.NetVips.Concurrency);
    }
}
