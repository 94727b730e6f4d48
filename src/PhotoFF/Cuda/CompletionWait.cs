using System.Diagnostics;

namespace PhotoFF.Cuda;

/// <summary>
/// A host wait for GPU work that a cancellation can end: <c>cuStreamSynchronize</c> and <c>cuEventSynchronize</c> block
/// inside the driver until the work is done, so Ctrl+C could not stop a pipeline waiting on a long kernel. Instead the
/// stream or event is polled: spinning and yielding for the first milliseconds (what the driver's default
/// scheduling does, so short waits cost no extra latency), then sleeping 1 ms between polls, so a long wait holds no
/// core and a cancellation is seen within about a millisecond. The GPU work itself goes on; buffers it uses are fenced
/// by the pool and are not reused before it ends.
/// </summary>
internal static class CompletionWait
{
    private static readonly TimeSpan SpinPhase = TimeSpan.FromMilliseconds(5);

    /// <summary>Polls <paramref name="isComplete"/> until it says true.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled first.</exception>
    public static void Until(Func<bool> isComplete, CancellationToken cancellation)
    {
        SpinWait spinner = default;
        long start = Stopwatch.GetTimestamp();
        while (!isComplete())
        {
            cancellation.ThrowIfCancellationRequested();
            if (Stopwatch.GetElapsedTime(start) < SpinPhase)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
            else
            {
                Thread.Sleep(1);
            }
        }
    }
}
