namespace PhotoFF.Backends.Cpu;

/// <summary>Matrix transposes in square blocks, so that both the rows read and the rows written stay in the cache.</summary>
internal static class Transpose
{
    private const int Block = 32;

    /// <summary>target[x * height + y] = source[y * width + x], block rows in parallel.</summary>
    public static unsafe void Ints(ReadOnlySpan<int> source, int width, int height, Span<int> target)
    {
        long count = (long)width * height;
        if (source.Length < count || target.Length < count)
        {
            throw new ArgumentException($"A {width}x{height} matrix has {count} values.");
        }

        fixed (int* from = source)
        fixed (int* to = target)
        {
            nint input = (nint)from;
            nint output = (nint)to;
            int bands = (height + Block - 1) / Block;
            Parallel.For(0, bands, new ParallelOptions { CancellationToken = OperationCancellation.Current }, band =>
            {
                int* a = (int*)input;
                int* b = (int*)output;
                int top = band * Block;
                int bottom = Math.Min(height, top + Block);
                for (int left = 0; left < width; left += Block)
                {
                    int right = Math.Min(width, left + Block);
                    for (int x = left; x < right; x++)
                    {
                        for (int y = top; y < bottom; y++)
                        {
                            b[(long)x * height + y] = a[(long)y * width + x];
                        }
                    }
                }
            });
        }
    }
}
