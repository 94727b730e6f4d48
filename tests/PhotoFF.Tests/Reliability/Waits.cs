namespace PhotoFF.Tests.Reliability;

/// <summary>Waiting for work on other threads without blocking the test's own, bounded so that a hang fails the test
/// instead of stalling the run.</summary>
internal static class Waits
{
    /// <summary>Whether <paramref name="task"/> has finished (in any state) within <paramref name="time"/>.</summary>
    public static async Task<bool> FinishesWithin(this Task task, TimeSpan time)
    {
        await Task.WhenAny(task, Task.Delay(time, TestContext.Current.CancellationToken));
        return task.IsCompleted;
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool with the test's cancellation.</summary>
    public static Task Run(Action work) => Task.Run(work, TestContext.Current.CancellationToken);

    public static Task<T> Run<T>(Func<T> work) => Task.Run(work, TestContext.Current.CancellationToken);

    public static CancellationToken Test => TestContext.Current.CancellationToken;
}
