using PhotoFF.Cuda;

namespace PhotoFF.Backends.Cuda;

internal sealed partial class CudaBackend
{
    /// <summary>Warps per block of the row pass (one warp per source row).</summary>
    private const uint DistanceRowWarps = 8;

    /// <summary>Threads per block of the column pass for tall columns (one per column).</summary>
    private const uint TallColumnBlock = 128;

    /// <summary>Threads per block of the banded column pass (COLUMN_THREADS in distance_field.cu).</summary>
    private const int BandedColumnThreads = 256;

    private const int ModeDistances = 0;
    private const int ModeStroke = 1;
    private const int ModeShadow = 2;

    private bool distanceCarveoutSet;

    public void DistanceField(PixelBuffer image, PixelBuffer squaredDistances, int width, int height, bool toBackground, int offsetX, int offsetY)
    {
        CudaPixelBuffer pixels = Own(image);
        CudaPixelBuffer output = Own(squaredDistances);
        OrderAfter(pixels, output);
        if ((long)width * height == 0)
        {
            return;
        }

        FindDistances(pixels, output, width, height, toBackground, offsetX, offsetY, new ColumnEffect(ModeDistances, 0, 0, 0));
    }

    /// <summary>The stroke painted straight from the banded column pass, without a distance buffer.</summary>
    public void StrokeShape(PixelBuffer image, int width, int height, float strokeWidth, uint rgba, bool inner)
    {
        CudaPixelBuffer pixels = Own(image);
        if ((long)width * height == 0)
        {
            return;
        }

        FindDistances(pixels, null, width, height, inner, 0, 0, new ColumnEffect(ModeStroke, strokeWidth + 1f, 0, rgba));
    }

    /// <summary>The shadow painted straight from the banded column pass, without a distance buffer.</summary>
    public void ShadowShape(PixelBuffer image, int width, int height, int offsetX, int offsetY, float radius, float alpha, uint rgba, bool inner)
    {
        CudaPixelBuffer pixels = Own(image);
        if ((long)width * height == 0)
        {
            return;
        }

        FindDistances(pixels, null, width, height, inner, offsetX, offsetY, new ColumnEffect(ModeShadow, radius, alpha, rgba));
    }

    /// <summary>What the column pass does with the distances: write them, or paint a stroke (p0 = width + 1) or a
    /// shadow (p0 = radius, p1 = peak alpha) of colour <see cref="Color"/> into the image.</summary>
    private readonly record struct ColumnEffect(int Mode, float P0, float P1, uint Color);

    /// <summary>The row pass, then the banded column pass into <paramref name="output"/> (distances) or, with an
    /// effect, into the image itself. Columns whose candidate rows do not fit in shared memory even one column per
    /// block (taller than about 18,000 rows on the H200) take the tall column pass, through a distance buffer.</summary>
    private void FindDistances(CudaPixelBuffer pixels, CudaPixelBuffer? output, int width, int height, bool inner, int offsetX, int offsetY, ColumnEffect effect)
    {
        CudaStream stream = (output ?? pixels).Stream;
        long count = (long)width * height;
        int lo = Math.Min(0, -offsetX);
        int hi = Math.Max(width, width - offsetX);
        int chunkCount = (hi - lo + 31) / 32;
        using PixelBuffer rows = Allocate(count * sizeof(int), output ?? pixels);
        using (PixelBuffer chunks = Allocate(2L * chunkCount * height * sizeof(int), output ?? pixels))
        {
            Kernel("distance_field", "distance_rows").Launch(stream, Dim3.Cover(height * 32L, DistanceRowWarps * 32), new Dim3(DistanceRowWarps * 32), 0,
                [pixels.Pointer, Own(rows).Pointer, Own(chunks).Pointer, chunkCount, width, height, inner ? 1 : 0, offsetX]);
        }

        // Candidate rows: outer, the moved rows; inner, also every row outside the moved image that can be the
        // nearest background to one of the image's rows (as DistanceTransform.ColumnDistances).
        int first = inner ? Math.Min(0, offsetY) - 1 : offsetY;
        int last = inner ? Math.Max(height, height + offsetY) : height - 1 + offsetY;
        int candidates = last - first + 1;
        if (ColumnLayout(candidates, SharedMemoryPerBlock()) is not { } layout)
        {
            TallColumns(pixels, Own(rows), output, width, height, inner, offsetY, effect);
            return;
        }

        int segments = BandedColumnThreads / layout.Columns;
        int outputLength = (height + segments - 1) / segments;
        CudaKernel columnsKernel = Kernel("distance_field", "distance_columns");
        EnsureSharedMemory(columnsKernel, layout.SharedBytes);
        if (!distanceCarveoutSet)
        {
            // All of the unified L1 as shared memory, so that two blocks of about 110 KB share a multiprocessor.
            columnsKernel.SetAttribute(CudaFunctionAttribute.PreferredSharedMemoryCarveout, 100);
            distanceCarveoutSet = true;
        }

        CuDevicePtr distancePointer = output?.Pointer ?? default;
        CuDevicePtr pixelPointer = effect.Mode == ModeDistances ? default : pixels.Pointer;
        columnsKernel.Launch(stream, new Dim3((uint)((width + layout.Columns - 1) / layout.Columns)), new Dim3(BandedColumnThreads), layout.SharedBytes,
            [Own(rows).Pointer, distancePointer, pixelPointer, width, height, offsetY, first, candidates, layout.Columns, layout.SegmentLength, outputLength,
             effect.Mode, effect.P0, effect.P1, effect.Color, inner ? 1 : 0]);
    }

    /// <summary>A block of the banded column pass: how many adjacent columns it takes, the candidate rows of each
    /// thread's segment, and its dynamic shared memory.</summary>
    internal readonly record struct BandedColumnLayout(int Columns, int SegmentLength, uint SharedBytes);

    /// <summary>
    /// How many adjacent columns (8, 4, 2 or 1) a block of the banded column pass takes: its segment envelopes live
    /// in the block's shared memory, 3 ints per candidate row and column, plus 6 ints per thread, one per column and
    /// 16 of masks. The most columns whose block leaves room for a second one on the multiprocessor (two blocks
    /// overlap each other's merge), else the most that fit at all; null when not even one column fits (then the
    /// tall column pass runs).
    /// </summary>
    internal static BandedColumnLayout? ColumnLayout(int candidates, int sharedMemoryPerBlock)
    {
        foreach (long budget in (ReadOnlySpan<long>)[sharedMemoryPerBlock / 2 - 1024, sharedMemoryPerBlock])
        {
            for (int columns = 8; columns >= 1; columns /= 2)
            {
                int segments = BandedColumnThreads / columns;
                int segmentLength = (candidates + segments - 1) / segments;
                long bytes = ((3L * segmentLength + 6) * BandedColumnThreads + columns + BandedColumnThreads / 16) * sizeof(int);
                if (bytes <= budget)
                {
                    return new BandedColumnLayout(columns, segmentLength, (uint)bytes);
                }
            }
        }

        return null;
    }

    /// <summary>The column pass for tall columns (distance_field_tall.cu): one thread per column, each column's
    /// envelope of at most height + 1 parabolas (positions, heights and starting rows) in scratch from the pool, laid
    /// out [k * width + x]; into a distance buffer, from which the stroke or shadow kernel paints an effect.</summary>
    private void TallColumns(CudaPixelBuffer pixels, CudaPixelBuffer rows, CudaPixelBuffer? output, int width, int height, bool inner, int offsetY,
        ColumnEffect effect)
    {
        using PixelBuffer? ownDistances = output is null ? Allocate((long)width * height * sizeof(int), pixels) : null;
        CudaPixelBuffer distances = output ?? Own(ownDistances!);
        long envelopeBytes = (long)(height + 2) * width * sizeof(int);
        using (PixelBuffer positions = Allocate(envelopeBytes, distances))
        using (PixelBuffer heights = Allocate(envelopeBytes, distances))
        using (PixelBuffer starts = Allocate(envelopeBytes, distances))
        {
            Kernel("distance_field_tall", "distance_columns_tall").Launch(distances.Stream, Dim3.Cover(width, TallColumnBlock), new Dim3(TallColumnBlock), 0,
                [rows.Pointer, Own(positions).Pointer, Own(heights).Pointer, Own(starts).Pointer, distances.Pointer, width, height, inner ? 1 : 0, offsetY]);
        }

        if (effect.Mode == ModeStroke)
        {
            Stroke(pixels, distances, width, height, effect.P0 - 1f, effect.Color, inner);
        }
        else if (effect.Mode == ModeShadow)
        {
            Shadow(pixels, distances, width, height, effect.P0, effect.P1, effect.Color, inner);
        }
    }
}
