namespace PhotoFF.Backends;

/// <summary>
/// The cancellation that the pixel work of the current flow answers to: the CPU backend checks it between rows, the
/// CUDA backend's host waits end on it. A caller that can be interrupted (a cmdlet whose StopProcessing cancels a
/// token) sets it around the work with <see cref="Enter"/>; the operations and backend methods in between do not
/// take a token, and nothing below the cmdlets knows where the cancellation comes from.
/// </summary>
internal static class OperationCancellation
{
    private static readonly AsyncLocal<CancellationToken> Ambient = new();

    /// <summary>The token of the innermost <see cref="Enter"/> on this flow; <see cref="CancellationToken.None"/> when
    /// none is active.</summary>
    public static CancellationToken Current => Ambient.Value;

    /// <summary>Makes <paramref name="cancellation"/> current until the returned scope is disposed.</summary>
    public static Scope Enter(CancellationToken cancellation)
    {
        CancellationToken outer = Ambient.Value;
        Ambient.Value = cancellation;
        return new Scope(outer);
    }

    /// <summary>Restores the token that was current before <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly CancellationToken outer;

        internal Scope(CancellationToken outer) => this.outer = outer;

        public void Dispose() => Ambient.Value = outer;
    }
}
