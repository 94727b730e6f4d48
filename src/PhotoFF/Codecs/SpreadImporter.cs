using System.Collections.Concurrent;
using PhotoFF.Backends;
using PhotoFF.Imaging;

namespace PhotoFF.Codecs;

/// <summary>
/// Imports the files of one batch onto one backend, or spreads them over several (Import-CudaImage -Device All): each
/// file is given a device when its decode starts, the one with the fewest images claimed (<see cref="DeviceSpread"/>),
/// and is decoded by that device's own <see cref="ImageImporter"/>, so that every device's JPEG decoder batches on a
/// thread of its own. The claim goes with the image until it is exported or disposed. A device dropped after a fault
/// takes no new files; the files already given to it fail, each with its own error, and the rest go on elsewhere.
/// </summary>
internal sealed class SpreadImporter
{
    private readonly IReadOnlyList<IImageBackend> backends;
    private readonly DecodeOptions options;
    private readonly ConcurrentDictionary<IImageBackend, ImageImporter> importers = new(ReferenceEqualityComparer.Instance);

    public SpreadImporter(IReadOnlyList<IImageBackend> backends, DecodeOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfZero(backends.Count, nameof(backends));
        this.backends = backends;
        this.options = options;
        foreach (IImageBackend backend in backends)
        {
            ImporterFor(backend);
        }
    }

    /// <summary>The backends the batch goes to (for -Verbose and tests).</summary>
    public IReadOnlyList<IImageBackend> Backends => backends;

    /// <summary>How many files to keep in flight for <paramref name="throttleLimit"/> workers: as for one importer, with
    /// two batches for the hardware decoder of each device that has one.</summary>
    public int ReadAhead(int throttleLimit) =>
        Math.Max(2 * throttleLimit, throttleLimit + backends.Sum(backend => ImporterFor(backend).BatchReadAhead));

    /// <summary>
    /// Starts decoding <paramref name="path"/> on the device chosen for it now, as <see cref="ImageImporter.Start"/>
    /// does; the result names that backend and holds the image's claim there. The ticket is used up either way.
    /// </summary>
    public async Task<PendingImage> Start(string path, DecodeMemoryBudget.Ticket ticket, CancellationToken cancellation)
    {
        DeviceClaim? claim;
        try
        {
            claim = backends.Count > 1 ? DeviceSpread.Claim(backends) : null;
        }
        catch
        {
            ticket.Dispose();
            throw;
        }

        IImageBackend backend = claim?.Backend ?? backends[0];
        try
        {
            PendingImage pending = await ImporterFor(backend).Start(path, ticket, cancellation).ConfigureAwait(false);
            pending.Assign(backend, claim);
            return pending;
        }
        catch
        {
            claim?.Dispose();
            throw;
        }
    }

    /// <summary>The importer of <paramref name="backend"/>: one per backend, made on first use (a device started again
    /// after a fault is a new backend, with a new importer).</summary>
    private ImageImporter ImporterFor(IImageBackend backend) => importers.GetOrAdd(backend, b => new ImageImporter(b, options));
}
