using System.Buffers;

namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public void Resize(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int destinationWidth, int destinationHeight,
        int x, int y, ResampleTable columns, ResampleTable rows, uint background)
    {
        ResampleTable.CheckResize(sourceWidth, sourceHeight, destinationWidth, destinationHeight, x, y, columns, rows);
        CpuPixelBuffer input = Own(source);
        CpuPixelBuffer output = Own(destination);
        if (Vectorized)
        {
            VectorResize.Run(input, sourceWidth, sourceHeight, output, destinationWidth, destinationHeight, x, y, columns, rows, background, WideVectors);
            return;
        }

        int width = columns.Length;
        int height = rows.Length;
        int firstRow = rows.First;
        int middleRows = rows.End - firstRow;
        using PixelBuffer middle = Allocate((long)width * middleRows * 16, destination);
        CpuPixelBuffer intermediate = Own(middle);

        // Horizontal pass over the source rows that the vertical pass reads, premultiplied, into float RGBA.
        ForEachRow(width, middleRows, r =>
        {
            ReadOnlySpan<uint> row = input.Pixels((long)sourceWidth * sourceHeight).Slice((firstRow + r) * sourceWidth, sourceWidth);
            Span<float> target = FloatRow(intermediate, (long)r * width * 4, width * 4);
            for (int i = 0; i < width; i++)
            {
                int start = columns.Start(i);
                int count = columns.Count(i);
                ReadOnlySpan<float> weights = columns.Weights.AsSpan(i * columns.Taps, count);
                float cr = 0, cg = 0, cb = 0, ca = 0;
                for (int k = 0; k < count; k++)
                {
                    (float pr, float pg, float pb, float pa) = Premultiplied.FromRgba(row[start + k]);
                    cr = MathF.FusedMultiplyAdd(weights[k], pr, cr);
                    cg = MathF.FusedMultiplyAdd(weights[k], pg, cg);
                    cb = MathF.FusedMultiplyAdd(weights[k], pb, cb);
                    ca = MathF.FusedMultiplyAdd(weights[k], pa, ca);
                }

                target[i * 4] = cr;
                target[i * 4 + 1] = cg;
                target[i * 4 + 2] = cb;
                target[i * 4 + 3] = ca;
            }
        });

        // Vertical pass into the destination, taps top to bottom; the background around the placed result.
        ForEachRow(destinationWidth, destinationHeight, dy =>
        {
            Span<uint> target = output.Pixels((long)destinationWidth * destinationHeight).Slice(dy * destinationWidth, destinationWidth);
            int j = dy - y;
            if (j < 0 || j >= height)
            {
                target.Fill(background);
                return;
            }

            target[..x].Fill(background);
            target[(x + width)..].Fill(background);
            int start = rows.Start(j) - firstRow;
            int count = rows.Count(j);
            ReadOnlySpan<float> weights = rows.Weights.AsSpan(j * rows.Taps, count);
            float[] rented = ArrayPool<float>.Shared.Rent(width * 4);
            Span<float> sum = rented.AsSpan(0, width * 4);
            sum.Clear();
            // Row by row of the intermediate: each pixel still adds its taps in order, top to bottom.
            for (int k = 0; k < count; k++)
            {
                ReadOnlySpan<float> taps = FloatRow(intermediate, (long)(start + k) * width * 4, width * 4);
                for (int c = 0; c < sum.Length; c++)
                {
                    sum[c] = MathF.FusedMultiplyAdd(weights[k], taps[c], sum[c]);
                }
            }

            for (int i = 0; i < width; i++)
            {
                target[x + i] = Premultiplied.ToRgba(sum[i * 4], sum[i * 4 + 1], sum[i * 4 + 2], sum[i * 4 + 3]);
            }

            ArrayPool<float>.Shared.Return(rented);
        });
    }

    /// <summary><paramref name="count"/> floats of a pooled buffer from float index <paramref name="offset"/>, which
    /// may lie past 2 GB.</summary>
    private static unsafe Span<float> FloatRow(CpuPixelBuffer buffer, long offset, int count)
    {
        if (offset < 0 || (offset + count) * sizeof(float) > buffer.CapacityBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"The buffer holds {buffer.CapacityBytes / sizeof(float)} floats.");
        }

        return new Span<float>((float*)buffer.Pointer + offset, count);
    }
}
