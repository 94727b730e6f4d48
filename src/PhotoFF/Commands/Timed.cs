using System.Diagnostics;

namespace PhotoFF.Commands;

/// <summary>A result and how long it took, measured where the work ran (a worker thread): what -Verbose reports per file.</summary>
internal readonly record struct Timed<T>(T Value, TimeSpan Elapsed);

internal static class Timed
{
    public static Timed<T> Run<T>(Func<T> work)
    {
        Stopwatch clock = Stopwatch.StartNew();
        T value = work();
        return new Timed<T>(value, clock.Elapsed);
    }
}
