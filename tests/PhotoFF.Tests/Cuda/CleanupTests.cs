using PhotoFF.Cuda;

namespace PhotoFF.Tests.Cuda;

public sealed class CleanupTests
{
    [Fact]
    public void Every_step_runs_even_after_one_failed_and_several_failures_are_reported_together()
    {
        List<int> ran = [];
        InvalidOperationException first = new("first");
        CudaException second = new(CudaResult.InvalidValue, "cuStreamDestroy_v2");
        Cleanup cleanup = new();
        cleanup.Run(() => ran.Add(1));
        cleanup.Run(() => { ran.Add(2); throw first; });
        cleanup.Run(() => ran.Add(3));
        cleanup.Run(() => { ran.Add(4); throw second; });
        cleanup.Run(() => ran.Add(5));

        Assert.Equal([1, 2, 3, 4, 5], ran);
        AggregateException all = Assert.Throws<AggregateException>(() => cleanup.ThrowIfFailed("the test"));
        Assert.Equal([first, second], all.InnerExceptions);
        Assert.Contains("2 steps of cleaning up the test failed", all.Message);
    }

    [Fact]
    public void One_failure_is_rethrown_as_it_was()
    {
        CudaException failure = new(CudaResult.InvalidContext, "cuModuleUnload");
        Cleanup cleanup = new();
        cleanup.Run(() => throw failure);
        cleanup.Run(() => { });
        Assert.Same(failure, Assert.Throws<CudaException>(() => cleanup.ThrowIfFailed("the test")));
    }

    [Fact]
    public void Nothing_is_thrown_when_every_step_succeeded()
    {
        Cleanup cleanup = new();
        cleanup.Run(() => { });
        cleanup.ThrowIfFailed("the test");
        Assert.Empty(cleanup.Failures);
    }
}
