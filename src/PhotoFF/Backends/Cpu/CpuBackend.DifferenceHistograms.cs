namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void DifferenceHistograms(PixelBuffer first, PixelBuffer second, int width, int height, PixelBuffer? difference, Span<uint> histograms)
    {
        const int bins = IImageBackend.HistogramBins;
        CheckHistogramLength(histograms, 5 * bins);
        long count = (long)width * height;
        CpuPixelBuffer a = Own(first);
        CpuPixelBuffer b = Own(second);
        CpuPixelBuffer? output = difference is null ? null : Own(difference);
        uint[] totals = new uint[5 * bins];

        ForEachBand(width, height, () => new uint[5 * bins], (y, local) =>
        {
            ReadOnlySpan<uint> rowA = a.Pixels(count).Slice(y * width, width);
            ReadOnlySpan<uint> rowB = b.Pixels(count).Slice(y * width, width);
            Span<uint> rowOut = output is null ? default : output.Pixels(count).Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                uint dr = ChannelDifference(rowA[x], rowB[x], 0);
                uint dg = ChannelDifference(rowA[x], rowB[x], 8);
                uint db = ChannelDifference(rowA[x], rowB[x], 16);
                uint da = ChannelDifference(rowA[x], rowB[x], 24);
                local[dr]++;
                local[bins + dg]++;
                local[2 * bins + db]++;
                local[3 * bins + da]++;
                local[4 * bins + Math.Max(Math.Max(dr, dg), Math.Max(db, da))]++;
                if (output is not null)
                {
                    rowOut[x] = dr | dg << 8 | db << 16 | 0xFF000000u;
                }
            }
        }, local => AddInto(totals, local));

        totals.CopyTo(histograms);
    }

    private static uint ChannelDifference(uint a, uint b, int shift)
    {
        int difference = (int)((a >> shift) & 0xFF) - (int)((b >> shift) & 0xFF);
        return (uint)Math.Abs(difference);
    }
}
