using System.Diagnostics;

namespace PhotoFF.CpuBench;

/// <summary>
/// Times work by the CPU time the process spends on it, all threads added up: the time the work would take on one core,
/// whatever else the machine runs (a shared machine's load changes the wall clock, not the CPU time, much). The best of
/// several runs after a warm-up, beside the best wall time.
/// </summary>
internal sealed class CpuTimer(int warmups = 1, int runs = 7)
{
    public (double CpuMilliseconds, double WallMilliseconds) Best(Action prepare, Action work)
    {
        for (int i = 0; i < warmups; i++)
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
