using System.Runtime.InteropServices;

namespace PhotoFF.Codecs;

/// <summary>
/// EXIF orientations 2-8 applied to packed RGBA8 rows as they are decoded: each strip of stored rows is written
/// straight to its place in the oriented image, so orienting needs no second full-size buffer (libvips' autorot would
/// need the whole stored image first). Orientation 1 and unknown values leave the pixels as stored.
/// </summary>
internal static class OrientedRows
{
    /// <summary>Whether the orientation swaps width and height (5-8: a quarter turn, with or without a mirror).</summary>
    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>
    /// Copies stored rows <paramref name="top"/>..top+rows-1 of a <paramref name="width"/> x <paramref name="height"/>
    /// image to where <paramref name="orientation"/> puts them in <paramref name="oriented"/> (the whole oriented
    /// image, width and height swapped for 5-8).
    /// </summary>
    public static void CopyRows(ReadOnlySpan<byte> strip, int top, int rows, int width, int height, int orientation, Span<byte> oriented)
    {
        ReadOnlySpan<uint> source = MemoryMarshal.Cast<byte, uint>(strip);
        Span<uint> target = MemoryMarshal.Cast<byte, uint>(oriented);
        for (int r = 0; r < rows; r++)
        {
            int y = top + r;
            ReadOnlySpan<uint> row = source.Slice(r * width, width);
            switch (orientation)
            {
                case 2: // mirrored left to right
                    Reversed(row, target.Slice(y * width, width));
                    break;
                case 3: // turned 180 degrees
                    Reversed(row, target.Slice((height - 1 - y) * width, width));
                    break;
                case 4: // mirrored top to bottom
                    row.CopyTo(target.Slice((height - 1 - y) * width, width));
                    break;
                case 5: // transposed: stored (x, y) shows at (y, x)
                    Column(row, target, column: y, stride: height, reversed: false);
                    break;
                case 6: // turned 90 degrees clockwise: stored (x, y) shows at (height - 1 - y, x)
                    Column(row, target, column: height - 1 - y, stride: height, reversed: false);
                    break;
                case 7: // transversed: stored (x, y) shows at (height - 1 - y, width - 1 - x)
                    Column(row, target, column: height - 1 - y, stride: height, reversed: true);
                    break;
                case 8: // turned 90 degrees anticlockwise: stored (x, y) shows at (y, width - 1 - x)
                    Column(row, target, column: y, stride: height, reversed: true);
                    break;
                default:
                    row.CopyTo(target.Slice(y * width, width));
                    break;
            }
        }
    }

    private static void Reversed(ReadOnlySpan<uint> row, Span<uint> destination)
    {
        for (int x = 0; x < row.Length; x++)
        {
            destination[row.Length - 1 - x] = row[x];
        }
    }

    /// <summary>Writes a stored row down one column of the oriented image (top to bottom, or bottom to top).</summary>
    private static void Column(ReadOnlySpan<uint> row, Span<uint> destination, int column, int stride, bool reversed)
    {
        for (int x = 0; x < row.Length; x++)
        {
            int v = reversed ? row.Length - 1 - x : x;
            destination[v * stride + column] = row[x];
        }
    }
}
