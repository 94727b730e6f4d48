using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <summary>The side of a block of a rotation by quarter turns, in pixels: 4 KB of output rows and of source rows.</summary>
    private const int RotateBlock = 32;

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
        // ForEachRow runs the bands, each counted as its pixels for its choice between one thread and all.
        int bands = (outHeight + RotateBlock - 1) / RotateBlock;
        ForEachRow(outWidth * RotateBlock, bands, band =>
        {
            ReadOnlySpan<uint> from = input.Pixels(count);
            Span<uint> to = output.Pixels(count);
            int top = band * RotateBlock;
            int bottom = Math.Min(outHeight, top + RotateBlock);
            for (int left = 0; left < outWidth; left += RotateBlock)
            {
                int right = Math.Min(outWidth, left + RotateBlock);
                for (int y = top; y < bottom; y++)
                {
                    // Output (x, y) reads source (sx, sy): one source column (a quarter turn) or row (a half turn) a row,
                    // walked a whole source row (width) or pixel at a time as x grows; the walk ends at the source pixel of
                    // the block's last column, inside the image.
                    (int sx, int sy, int step) = quarterTurns switch
                    {
                        1 => (y, height - 1 - left, -width),
                        2 => (width - 1 - left, height - 1 - y, -1),
                        _ => (width - 1 - y, left, width),
                    };
                    Span<uint> row = to.Slice(y * outWidth + left, right - left);
                    ReadOnlySpan<uint> first = from.Slice(sy * width + sx, 1);
                    ref uint source = ref MemoryMarshal.GetReference(first);
                    for (int i = 0; i < row.Length; i++)
                    {
                        row[i] = Unsafe.Add(ref source, (nint)i * step);
                    }
                }
            }
        });
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
