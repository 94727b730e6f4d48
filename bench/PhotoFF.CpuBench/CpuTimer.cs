using System.Diagnostics;

namespace PhotoFF.CpuBench;

/// <summary>
/// Times work by the CPU time the process spends on it, all threads added up: the time the work would take on one core,
/// whatever else the machine runs (a shared machine's load changes the wall clock, not the CPU time, much). The best of
/// several runs after a warm-up, beside the best wall time. The warm-up runs at least <paramref name="warmups"/> times
/// and, with <paramref name="untilCompiled"/>, on until the work has run 30 times or for a second: .NET compiles a
/// method's optimized code on a background thread after about 30 calls, and that thread's CPU time, counted in the
/// process's, would otherwise land in the runs timed (it did for operations of a few milliseconds on one core).
/// </summary>
internal sealed class CpuTimer(int warmups = 1, int runs = 7, bool untilCompiled = true)
{
    private const int CallsBeforeOptimizedCode = 30;

    public (double CpuMilliseconds, double WallMilliseconds) Best(Action prepare, Action work)
    {
        long warmingSince = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmups || (untilCompiled && i < CallsBeforeOptimizedCode && Stopwatch.GetElapsedTime(warmingSince).TotalSeconds < 1); i++)
        {
            prepare();
            work();
        }

        double cpu = double.MaxValue;
        double wall = double.MaxValue;
        using Process process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            prepare();
            process.Refresh();
            TimeSpan start = process.TotalProcessorTime;
            long ticks = Stopwatch.GetTimestamp();
            work();
            double elapsed = Stopwatch.GetElapsedTime(ticks).TotalMilliseconds;
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - start).TotalMilliseconds);
            wall = Math.Min(wall, elapsed);
        }

        return (cpu, wall);
    }
}
