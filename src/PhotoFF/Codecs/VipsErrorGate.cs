namespace PhotoFF.Codecs;

/// <summary>
/// Keeps a libvips failure's reason its own. libvips has one error buffer per process: NetVips reads and empties it when
/// a call fails, and <see cref="VipsErrors.DiscardStale"/> empties it after a success, so with decodes on many threads a
/// failure's reason can be another file's, or none (a damaged PNG was reported with a JPEG's "premature end of data
/// segment"), and the kind of error derived from it can be wrong (a missing codec reported as damage: issue 6, item 9).
/// Codec work runs through <see cref="Run{T}(Func{T})"/>, as many threads at once as before (a shared lock); a call
/// that failed is run once more alone (the exclusive lock), with no other libvips work in the process, and what it says
/// is the answer. Failures
/// are rare, so the second run costs little; it also gives a file that failed only because of the crowd (memory) its
/// second chance.
/// </summary>
internal static class VipsErrorGate
{
    private static readonly ReaderWriterLockSlim Gate = new(LockRecursionPolicy.SupportsRecursion);

    /// <summary>Runs <paramref name="work"/> beside other codec work; if it fails with a libvips error, runs it again
    /// alone and returns or throws what that run does.</summary>
    public static T Run<T>(Func<T> work)
    {
        // A thread already inside the gate (nested codec work) cannot wait for the others to leave it.
        if (Gate.IsReadLockHeld || Gate.IsWriteLockHeld)
        {
            return work();
        }

        Gate.EnterReadLock();
        try
        {
            return work();
        }
        catch (Exception e) when (e.InnerException is NetVips.VipsException)
        {
            // Retried below, alone.
        }
        finally
        {
            Gate.ExitReadLock();
        }

        Gate.EnterWriteLock();
        try
        {
            VipsErrors.DiscardStale();
            return work();
        }
        finally
        {
            Gate.ExitWriteLock();
        }
    }

    /// <summary>Whether a libvips failure thrown now would be run again alone: this thread is inside
    /// <see cref="Run{T}(Func{T})"/> beside other work. Code that would otherwise keep a failure's reason (a lenient
    /// decode's warnings) throws it instead, so that the reason it keeps is its own.</summary>
    public static bool WouldRunAgainAlone => Gate.IsReadLockHeld && !Gate.IsWriteLockHeld;

    /// <inheritdoc cref="Run{T}(Func{T})"/>
    public static void Run(Action work) => Run(() =>
    {
        work();
        return true;
    });
}
