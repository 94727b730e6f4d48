namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void ChannelHistograms(PixelBuffer source, int width, int height, Span<uint> histograms)
    {
        const int bins = IImageBackend.HistogramBins;
        CheckHistogramLength(histograms, 4 * bins);
        long count = (long)width * height;
        CpuPixelBuffer input = Own(source);
        uint[] totals = new uint[4 * bins];

        // Each row band counts into its own histogram; the bands are added under a lock at the end.
        ForEachBand(width, height, () => new uint[4 * bins], (y, local) =>
        {
            ReadOnlySpan<uint> row = input.Pixels(count).Slice(y * width, width);
            foreach (uint pixel in row)
            {
                local[pixel & 0xFF]++;
                local[bins + ((pixel >> 8) & 0xFF)]++;
                local[2 * bins + ((pixel >> 16) & 0xFF)]++;
                local[3 * bins + (pixel >> 24)]++;
            }
        }, local => AddInto(totals, local));

        totals.CopyTo(histograms);
    }

    private static void CheckHistogramLength(Span<uint> histograms, int length)
    {
        if (histograms.Length != length)
        {
            throw new ArgumentException($"The histograms take {length} entries, not {histograms.Length}.", nameof(histograms));
        }
    }

    private static void AddInto(uint[] totals, uint[] local)
    {
        lock (totals)
        {
            for (int i = 0; i < totals.Length; i++)
            {
                totals[i] += local[i];
            }
        }
    }

    /// <summary>Runs <paramref name="row"/> for each row with per-thread state, in parallel for large images;
    /// <paramref name="finish"/> receives each thread's state once.</summary>
    private static void ForEachBand<T>(int width, int height, Func<T> start, Action<int, T> row, Action<T> finish)
    {
        CancellationToken cancellation = OperationCancellation.Current;
        if ((long)width * height < 64 * 1024)
        {
            T state = start();
            for (int y = 0; y < height; y++)
            {
                cancellation.ThrowIfCancellationRequested();
                row(y, state);
            }

            finish(state);
            return;
        }

        Parallel.For(0, height, Cancellable(cancellation), start, (y, _, state) =>
        {
            row(y, state);
            return state;
        }, finish);
    }
}
