using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        bool vectorized = Vectorized;

        // A row's differences first, with each pixel's largest (vector operations where the hardware has them), then
        // the counts: the per-pixel sign tests and maxima of a scalar loop were most of the time on random images.
        ForEachBand(width, height, () => new DifferenceCounts(width, 5 * bins), (y, state) =>
        {
            ReadOnlySpan<uint> rowA = a.Pixels(count).Slice(y * width, width);
            ReadOnlySpan<uint> rowB = b.Pixels(count).Slice(y * width, width);
            Span<uint> differences = state.Row;
            Span<uint> largest = state.Largest;
            AbsoluteDifferences(rowA, rowB, differences, largest, vectorized);

            // Every index is a histogram's offset plus a byte (0-255), inside the array by construction: the counts go
            // through a reference without bounds checks.
            ref uint counts = ref MemoryMarshal.GetArrayDataReference(state.Histograms);
            for (int x = 0; x < differences.Length; x++)
            {
                uint d = differences[x];
                Unsafe.Add(ref counts, d & 0xFF)++;
                Unsafe.Add(ref counts, bins + ((d >> 8) & 0xFF))++;
                Unsafe.Add(ref counts, 2 * bins + ((d >> 16) & 0xFF))++;
                Unsafe.Add(ref counts, 3 * bins + (d >> 24))++;
                Unsafe.Add(ref counts, 4 * bins + (largest[x] & 0xFF))++;
            }

            if (output is not null)
            {
                // The difference image: R, G and B differences, alpha 255 so that it shows.
                Span<uint> rowOut = output.Pixels(count).Slice(y * width, width);
                for (int x = 0; x < differences.Length; x++)
                {
                    rowOut[x] = differences[x] | 0xFF000000u;
                }
            }
        }, state => AddInto(totals, state.Histograms));

        totals.CopyTo(histograms);
    }

    /// <summary>|a - b| of each channel, four to a word, and each pixel's largest channel difference: the vector path
    /// where the hardware has one, this loop for the rest (and for the whole row on the scalar reference).</summary>
    private static void AbsoluteDifferences(ReadOnlySpan<uint> first, ReadOnlySpan<uint> second, Span<uint> differences, Span<uint> largest, bool vectorized)
    {
        for (int x = vectorized ? VectorPixels.AbsoluteDifferences(first, second, differences, largest) : 0; x < first.Length; x++)
        {
            uint dr = ChannelDifference(first[x], second[x], 0);
            uint dg = ChannelDifference(first[x], second[x], 8);
            uint db = ChannelDifference(first[x], second[x], 16);
            uint da = ChannelDifference(first[x], second[x], 24);
            differences[x] = dr | dg << 8 | db << 16 | da << 24;
            largest[x] = Math.Max(Math.Max(dr, dg), Math.Max(db, da));
        }
    }

    /// <summary>|a - b| of one channel, without a branch (random images make a sign test a coin toss).</summary>
    private static uint ChannelDifference(uint a, uint b, int shift)
    {
        int difference = (int)((a >> shift) & 0xFF) - (int)((b >> shift) & 0xFF);
        int sign = difference >> 31;
        return (uint)((difference ^ sign) - sign);
    }

    /// <summary>One band's counts and the row of differences it reuses.</summary>
    private sealed class DifferenceCounts(int width, int histogramLength)
    {
        public uint[] Row { get; } = new uint[width];

        public uint[] Largest { get; } = new uint[width];

        public uint[] Histograms { get; } = new uint[histogramLength];
    }
}
