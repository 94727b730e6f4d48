using System.Numerics;

namespace PhotoFF.Memory;

/// <summary>Rounds requests up to a few sizes per power of two, so that buffers are reusable across similar images
/// while wasting at most a quarter of a buffer.</summary>
internal static class SizeClass
{
    public const long Minimum = 64 * 1024;

    public static long RoundUp(long bytes)
    {
        if (bytes <= Minimum)
        {
            return Minimum;
        }

        long power = 1L << (63 - BitOperations.LeadingZeroCount((ulong)bytes));
        long step = power / 4;
        return (bytes + step - 1) / step * step;
    }
}
