namespace PhotoFF.Backends.Cpu;

/// <summary>
/// The two passes of the exact Euclidean distance transform that <c>kernels/distance_field.cu</c> also runs, written
/// plainly. All arithmetic is on integers, so both backends produce the same squared distances.
/// </summary>
internal static class DistanceTransform
{
    private const int NoLeft = int.MinValue;
    private const int NoRight = int.MaxValue;

    /// <summary>Where a column's envelope of parabolas is kept: each parabola's position and the first row where it
    /// is the lowest. Those first rows increase strictly within [0, height], so the envelope never holds more than
    /// height + 1 parabolas, however many are tried.</summary>
    internal sealed class ColumnScratch(int height)
    {
        public int[] Positions { get; } = new int[height + 2];

        public int[] Starts { get; } = new int[height + 2];
    }

    /// <summary>
    /// For one source row: the distance from each image column x to the nearest target of the row moved by
    /// <paramref name="offsetX"/>, that is from position x - offsetX of the source row to its nearest target.
    /// Positions outside the row are targets for inner distances and never for outer ones.
    /// </summary>
    public static void RowDistances(ReadOnlySpan<uint> row, Span<int> distances, bool toBackground, int offsetX)
    {
        int width = row.Length;
        // Every position whose distance is wanted, and the whole row, lies in [lo, hi).
        int lo = Math.Min(0, -offsetX);
        int hi = Math.Max(width, width - offsetX);

        int last = toBackground ? lo - 1 : NoLeft;
        for (int s = lo; s < hi; s++)
        {
            if (IsTarget(row, s, toBackground))
            {
                last = s;
            }

            int x = s + offsetX;
            if (x >= 0 && x < width)
            {
                distances[x] = last;
            }
        }

        int next = toBackground ? hi : NoRight;
        for (int s = hi - 1; s >= lo; s--)
        {
            if (IsTarget(row, s, toBackground))
            {
                next = s;
            }

            int x = s + offsetX;
            if (x >= 0 && x < width)
            {
                int left = distances[x];
                int toLeft = left == NoLeft ? IImageBackend.NoTarget : s - left;
                int toRight = next == NoRight ? IImageBackend.NoTarget : next - s;
                distances[x] = Math.Min(toLeft, toRight);
            }
        }
    }

    /// <summary>
    /// For one image column: the squared distance to the nearest target, as the lowest of the parabolas
    /// (y - q)^2 + g(q)^2 with q = source row + <paramref name="offsetY"/> and g the row distances (Felzenszwalb and
    /// Huttenlocher's lower envelope). The envelope is kept on the image's rows only: the row from which a parabola
    /// is the lowest is an integer, ceil of the real intersection, clamped to [0, height].
    /// </summary>
    public static void ColumnDistances(ReadOnlySpan<int> rowDistances, Span<int> output, int x, int width, int height, bool toBackground, int offsetY, ColumnScratch scratch)
    {
        int[] positions = scratch.Positions;
        int[] starts = scratch.Starts;
        int top = -1;
        // Outer: the parabolas of the moved rows. Inner: also every row outside the moved image (all background) that
        // can be the nearest to one of the image's rows: those in [min(0, offsetY) - 1, max(height, height + offsetY)].
        int first = toBackground ? Math.Min(0, offsetY) - 1 : offsetY;
        int last = toBackground ? Math.Max(height, height + offsetY) : height - 1 + offsetY;
        for (int q = first; q <= last; q++)
        {
            int source = q - offsetY;
            long height2;
            if (source < 0 || source >= height)
            {
                height2 = 0; // A row outside the moved image: all background for inner distances.
            }
            else
            {
                int g = rowDistances[source * width + x];
                if (g == IImageBackend.NoTarget)
                {
                    continue;
                }

                height2 = (long)g * g;
            }

            long start = 0;
            while (top >= 0)
            {
                int v = positions[top];
                start = Start(v, ParabolaHeight(rowDistances, v - offsetY, x, width, height), q, height2, height);
                if (start > starts[top])
                {
                    break;
                }

                top--;
            }

            top++;
            positions[top] = q;
            starts[top] = top == 0 ? 0 : (int)start;
        }

        int k = 0;
        for (int y = 0; y < height; y++)
        {
            int index = y * width + x;
            if (top < 0)
            {
                output[index] = IImageBackend.NoTarget;
                continue;
            }

            while (k < top && starts[k + 1] <= y)
            {
                k++;
            }

            int v = positions[k];
            long d = (long)(y - v) * (y - v) + ParabolaHeight(rowDistances, v - offsetY, x, width, height);
            output[index] = d >= IImageBackend.NoTarget ? IImageBackend.NoTarget : (int)d;
        }
    }

    /// <summary>g^2 of a parabola given by its source row (rows beyond the image are background: 0).</summary>
    private static long ParabolaHeight(ReadOnlySpan<int> rowDistances, int source, int x, int width, int height)
    {
        if (source < 0 || source >= height)
        {
            return 0;
        }

        long g = rowDistances[source * width + x];
        return g * g;
    }

    /// <summary>The first row y, clamped to [0, height], from which the parabola at <paramref name="q"/> is no higher
    /// than the one at <paramref name="v"/> (v &lt; q): ceil(((f(q) + q^2) - (f(v) + v^2)) / (2 (q - v))).</summary>
    private static long Start(int v, long fv, int q, long fq, int height)
    {
        long numerator = fq + (long)q * q - (fv + (long)v * v);
        long denominator = 2L * (q - v);
        // Integer division truncates toward zero, which is the ceiling for a negative quotient.
        long ceiling = numerator >= 0 ? (numerator + denominator - 1) / denominator : numerator / denominator;
        return Math.Clamp(ceiling, 0, height);
    }

    private static bool IsTarget(ReadOnlySpan<uint> row, int s, bool toBackground)
    {
        if (s < 0 || s >= row.Length)
        {
            return toBackground;
        }

        bool shape = row[s] >> 24 >= IImageBackend.ShapeAlpha;
        return shape != toBackground;
    }
}
