namespace PhotoFF.Tests.Support;

/// <summary>Pixel comparisons that say where and by how much two images differ.</summary>
public static class PixelAssert
{
    /// <summary>Every channel of every pixel within <paramref name="tolerance"/>.</summary>
    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int width, int tolerance = 0, string? context = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = -1;
        int worstIndex = -1;
        int failures = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int difference = Math.Abs(expected[i] - actual[i]);
            if (difference > tolerance)
            {
                failures++;
                if (difference > worst)
                {
                    worst = difference;
                    worstIndex = i;
                }
            }
        }

        if (failures > 0)
        {
            int pixel = worstIndex / 4;
            int px = pixel % width;
            int py = pixel / width;
            string Show(ReadOnlySpan<byte> p) => $"({p[pixel * 4]},{p[pixel * 4 + 1]},{p[pixel * 4 + 2]},{p[pixel * 4 + 3]})";
            Assert.Fail($"{context}{(context is null ? string.Empty : ": ")}{failures} channel values differ by more than {tolerance}; " +
                $"worst at pixel ({px},{py}) channel {"RGBA"[worstIndex % 4]}: expected {Show(expected)}, got {Show(actual)}.");
        }
    }

    /// <summary>Maximum absolute difference over all channels.</summary>
    public static int MaxDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}
