using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PhotoFF.Codecs;

/// <summary>
/// 8-bit samples of 1 to 4 bands (grey, grey and alpha, RGB, RGBA) to RGBA8, as libvips' band joins would make them:
/// grey repeated into R, G and B, alpha 255 where there is none. Done while copying decoded strips out of libvips, so
/// that the decode pipeline hands over only the bands it has (a JPEG's three) and no extra pass of libvips writes the
/// fourth.
/// </summary>
internal static class RgbaExpansion
{
    /// <summary>Expands <paramref name="samples"/> (pixels of <paramref name="bands"/> bytes) into
    /// <paramref name="rgba"/>, which holds exactly four bytes per pixel.</summary>
    public static void Expand(ReadOnlySpan<byte> samples, int bands, Span<byte> rgba)
    {
        if (bands is < 1 or > 4 || samples.Length % bands != 0 || rgba.Length != samples.Length / bands * 4)
        {
            throw new ArgumentException($"{samples.Length} bytes of {bands}-band pixels do not fill {rgba.Length} bytes of RGBA.");
        }

        switch (bands)
        {
            case 4:
                samples.CopyTo(rgba);
                break;
            case 3:
                FromRgb(samples, rgba);
                break;
            default:
                FromGrey(samples, bands == 2, MemoryMarshal.Cast<byte, uint>(rgba));
                break;
        }
    }

    /// <summary>Four pixels a step: twelve bytes shuffled into sixteen, alpha set.</summary>
    private static void FromRgb(ReadOnlySpan<byte> rgb, Span<byte> rgba)
    {
        int pixels = rgb.Length / 3;
        int p = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte source = ref MemoryMarshal.GetReference(rgb);
            ref byte target = ref MemoryMarshal.GetReference(rgba);
            Vector128<byte> opaque = Vector128.Create(0xFF000000u).AsByte();
            // A load takes sixteen bytes for the twelve it uses: stop while the last one is still inside the samples.
            for (; 3 * p + Vector128<byte>.Count <= rgb.Length; p += 4)
            {
                Vector128<byte> samples = Vector128.LoadUnsafe(ref source, (nuint)(3 * p));
                Vector128<byte> spread = Vector128.Shuffle(samples, Vector128.Create(0, 1, 2, 0xFF, 3, 4, 5, 0xFF, 6, 7, 8, 0xFF, 9, 10, 11, 0xFF));
                (spread | opaque).StoreUnsafe(ref target, (nuint)(4 * p));
            }
        }

        Span<uint> target32 = MemoryMarshal.Cast<byte, uint>(rgba);
        for (; p < pixels; p++)
        {
            target32[p] = Pack(rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2], 255);
        }
    }

    private static void FromGrey(ReadOnlySpan<byte> samples, bool hasAlpha, Span<uint> rgba)
    {
        int bands = hasAlpha ? 2 : 1;
        for (int p = 0; p < rgba.Length; p++)
        {
            byte grey = samples[p * bands];
            rgba[p] = Pack(grey, grey, grey, hasAlpha ? samples[p * bands + 1] : (byte)255);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Pack(byte r, byte g, byte b, byte a) => r | (uint)g << 8 | (uint)b << 16 | (uint)a << 24;
}
