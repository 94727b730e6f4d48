using System.Numerics;
using System.Runtime.InteropServices;

namespace PhotoFF.Backends.Cpu;

/// <summary>What the alpha of packed RGBA pixels (alpha in the highest byte) says about them.</summary>
internal static class PixelAlpha
{
    /// <summary>Whether every pixel's alpha is 255.</summary>
    public static bool AllOpaque(ReadOnlySpan<uint> pixels)
    {
        int p = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<uint> alpha = new(0xFF000000u);
            ReadOnlySpan<Vector<uint>> vectors = MemoryMarshal.Cast<uint, Vector<uint>>(pixels);
            foreach (Vector<uint> vector in vectors)
            {
                if (!Vector.EqualsAll(vector & alpha, alpha))
                {
                    return false;
                }
            }

            p = vectors.Length * Vector<uint>.Count;
        }

        for (; p < pixels.Length; p++)
        {
            if (pixels[p] >> 24 != 255)
            {
                return false;
            }
        }

        return true;
    }
}
