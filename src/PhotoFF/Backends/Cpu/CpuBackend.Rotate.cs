using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <summary>Output rows of a block of a rotation by quarter turns: for a quarter turn, 1 KB runs of each source row
    /// read, long enough for the hardware to fetch ahead.</summary>
    private const int RotateRows = 256;

    /// <summary>Output columns of a block: the source rows a quarter turn reads at once (256 KB of them with the runs
    /// above, within a core's second-level cache). 32 x 32 blocks took 2.5x the time of these on the development machine
    /// (18-19 against 9.4-11 ms on 12 MP); 64 to 512 either way, 11-13.</summary>
    private const int RotateColumns = 256;

    public void RotateQuarterTurns(PixelBuffer source, PixelBuffer destination, int width, int height, int quarterTurns)
    {
        if (quarterTurns is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(quarterTurns), quarterTurns, "A rotation by quarter turns takes 1, 2 or 3 of them.");
        }

        long count = (long)width * height;
        CpuPixelBuffer input = Own(source);
        CpuPixelBuffer output = Own(destination);
        int outWidth = quarterTurns == 2 ? width : height;
        int outHeight = quarterTurns == 2 ? height : width;
        // Blocks of output pixels: a quarter turn reads a source column for each output row, so row by row every pixel
        // read is on a cache line (and often a page) of its own; a block's source rows and output rows stay in the cache.
        // Within a block, whole tiles of eight by eight go through registers where the CPU can (QuarterTurnTiles), the
        // rest pixel by pixel. ForEachRow runs bands of blocks, each counted as its pixels for its choice between one thread
        // and all.
        bool tiles = quarterTurns != 2 && Vectorized && QuarterTurnTiles.IsSupported;
        int bands = (outHeight + RotateRows - 1) / RotateRows;
        ForEachRow(outWidth * RotateRows, bands, band =>
            RotateBand(input.Pixels(count), width, height, output.Pixels(count), band * RotateRows, Math.Min(outHeight, (band + 1) * RotateRows), quarterTurns, tiles));
    }

    /// <summary>
    /// Output rows [<paramref name="top"/>, <paramref name="bottom"/>) of a rotation by quarter turns, block by block:
    /// whole tiles through <see cref="QuarterTurnTiles"/> where <paramref name="tiles"/>, the rest pixel by pixel.
    /// Compiled fully optimized at once: a rotation is a few calls of this, too few for tiered compilation to replace
    /// its first, unoptimized code before the image is done (12 MP took 7.8 ms on one core of the development machine
    /// measured so, against 4.8 for the same loops optimized).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateBand(ReadOnlySpan<uint> from, int width, int height, Span<uint> to, int top, int bottom, int quarterTurns, bool tiles)
    {
        int outWidth = quarterTurns == 2 ? width : height;
        int side = QuarterTurnTiles.Side;
        bool clockwise = quarterTurns == 1;
        int tiledBottom = tiles ? top + (bottom - top) / side * side : top;
        for (int left = 0; left < outWidth; left += RotateColumns)
        {
            int right = Math.Min(outWidth, left + RotateColumns);
            int tiledRight = tiles ? left + (right - left) / side * side : left;
            for (int y = top; y < tiledBottom; y += side)
            {
                for (int x = left; x < tiledRight; x += side)
                {
                    QuarterTurnTiles.Prefetch(from, width, height, x, y + QuarterTurnTiles.PrefetchRows, clockwise);
                    QuarterTurnTiles.Copy(from, width, height, to, x, y, clockwise);
                }
            }

            for (int y = top; y < bottom; y++)
            {
                int x = y < tiledBottom ? tiledRight : left;
                if (x < right)
                {
                    RotateRow(from, width, height, to.Slice(y * outWidth + x, right - x), x, y, quarterTurns);
                }
            }
        }
    }

    /// <summary>
    /// Output pixels (<paramref name="x"/>, <paramref name="y"/>) onward of a rotation by quarter turns, one at a time: the
    /// source column (a quarter turn) or row (a half turn) they read, walked a whole source row or a pixel at a time as x
    /// grows, ending at the source pixel of the last one, inside the image.
    /// </summary>
    private static void RotateRow(ReadOnlySpan<uint> from, int width, int height, Span<uint> row, int x, int y, int quarterTurns)
    {
        (int sx, int sy, int step) = quarterTurns switch
        {
            1 => (y, height - 1 - x, -width),
            2 => (width - 1 - x, height - 1 - y, -1),
            _ => (width - 1 - y, x, width),
        };
        ref uint source = ref MemoryMarshal.GetReference(from.Slice(sy * width + sx, 1));
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = Unsafe.Add(ref source, (nint)i * step);
        }
    }

    public void WarpAffine(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int width, int height,
        ReadOnlySpan<float> inverse, uint background)
    {
        if (inverse.Length != 6)
        {
            throw new ArgumentException("An affine map has 6 coefficients.", nameof(inverse));
        }

        float m0 = inverse[0], m1 = inverse[1], m2 = inverse[2], m3 = inverse[3], m4 = inverse[4], m5 = inverse[5];
        long sourceCount = (long)sourceWidth * sourceHeight;
        long count = (long)width * height;
        CpuPixelBuffer input = Own(source);
        CpuPixelBuffer output = Own(destination);
        (float R, float G, float B, float A) fill = Premultiplied.FromRgba(background);
        ForEachRow(width, height, y =>
        {
            ReadOnlySpan<uint> from = input.Pixels(sourceCount);
            Span<uint> row = output.Pixels(count).Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float sx = MathF.FusedMultiplyAdd(m0, x, MathF.FusedMultiplyAdd(m1, y, m2));
                float sy = MathF.FusedMultiplyAdd(m3, x, MathF.FusedMultiplyAdd(m4, y, m5));
                float left = MathF.Floor(sx);
                float top = MathF.Floor(sy);
                // Far outside (or not a number): no tap reaches the source. The bounds are compared as floats, before
                // any conversion to int, exactly as the kernel does.
                if (!(left >= -1f && left < sourceWidth && top >= -1f && top < sourceHeight))
                {
                    row[x] = background;
                    continue;
                }

                int x0 = (int)left, y0 = (int)top;
                float fx = sx - left;
                float fy = sy - top;
                var p00 = Tap(from, x0, y0);
                var p10 = Tap(from, x0 + 1, y0);
                var p01 = Tap(from, x0, y0 + 1);
                var p11 = Tap(from, x0 + 1, y0 + 1);
                float r = Lerp(Lerp(p00.R, p10.R, fx), Lerp(p01.R, p11.R, fx), fy);
                float g = Lerp(Lerp(p00.G, p10.G, fx), Lerp(p01.G, p11.G, fx), fy);
                float b = Lerp(Lerp(p00.B, p10.B, fx), Lerp(p01.B, p11.B, fx), fy);
                float a = Lerp(Lerp(p00.A, p10.A, fx), Lerp(p01.A, p11.A, fx), fy);
                row[x] = Premultiplied.ToRgba(r, g, b, a);
            }
        });

        (float R, float G, float B, float A) Tap(ReadOnlySpan<uint> from, int x, int y) =>
            x >= 0 && x < sourceWidth && y >= 0 && y < sourceHeight ? Premultiplied.FromRgba(from[y * sourceWidth + x]) : fill;
    }

    /// <summary>a + t (b - a), as the kernels write it: fma(t, b - a, a).</summary>
    private static float Lerp(float a, float b, float t) => MathF.FusedMultiplyAdd(t, b - a, a);
}
