using System.Runtime.ExceptionServices;

namespace PhotoFF.Cuda;

/// <summary>
/// The steps of a clean-up, each run even when one before it failed, so that one failure does not leak what the
/// later steps would have freed; then every failure is reported at once.
/// </summary>
internal sealed class Cleanup
{
    private readonly List<Exception> failures = [];

    public IReadOnlyList<Exception> Failures => failures;

    /// <summary>Runs <paramref name="step"/>, keeping its exception, if any, for <see cref="ThrowIfFailed"/>.</summary>
    public void Run(Action step)
    {
        try
        {
            step();
        }
        catch (Exception error)
        {
            failures.Add(error);
        }
    }

    /// <summary>Rethrows the one failure as it was, or several as one <see cref="AggregateException"/>; nothing when
    /// every step succeeded.</summary>
    public void ThrowIfFailed(string what)
    {
        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }

        if (failures.Count > 1)
        {
            throw new AggregateException($"{failures.Count} steps of cleaning up {what} failed.", failures);
        }
    }
}
