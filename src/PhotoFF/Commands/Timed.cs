using System.Diagnostics;

namespace PhotoFF.Commands;

/// <summary>A result and how long it took, measured where the work ran (a worker thread): what -Verbose reports per file.
/// Disposing it disposes the result, so that a queue dropping results nobody took frees what they hold.</summary>
internal readonly record struct Timed<T>(T Value, TimeSpan Elapsed) : IDisposable
{
    public void Dispose() => (Value as IDisposable)?.Dispose();
}

internal static class Timed
{
    public static Timed<T> Run<T>(Func<T> work)
    {
        Stopwatch clock = Stopwatch.StartNew();
        T value = work();
        return new Timed<T>(value, clock.Elapsed);
    }

    /// <summary>Starts <paramref name="start"/> on the calling thread (its synchronous part runs before this returns) and
    /// times it to the end of the task it gives.</summary>
    public static async Task<Timed<T>> RunAsync<T>(Func<Task<T>> start)
    {
        Stopwatch clock = Stopwatch.StartNew();
        T value = await start().ConfigureAwait(false);
        return new Timed<T>(value, clock.Elapsed);
    }
}
