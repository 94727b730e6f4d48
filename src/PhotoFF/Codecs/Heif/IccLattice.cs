using System.Collections.Concurrent;
using NetVips;

namespace PhotoFF.Codecs.Heif;

/// <summary>
/// An ICC profile's conversion to sRGB sampled on a lattice of 8-bit RGB values, for the GPU to interpolate: the nodes
/// are what libvips' icc_transform (the CPU path's conversion) gives them, at 16 bits. Nodes every 5 codes (52 per axis)
/// lie on exact 8-bit values, so the lattice needs no rounding of its inputs. Kept per profile.
/// </summary>
internal static class IccLattice
{
    public const int Size = 52;
    private const int Step = 255 / (Size - 1);
    private static readonly ConcurrentDictionary<string, float[]> Cache = new();

    /// <summary>Size^3 nodes of (r, g, b, 0) in 0..255, r fastest; null when the profile is sRGB or unusable.</summary>
    public static float[]? For(byte[] icc)
    {
        if (ColourManagement.IsSrgbProfile(icc))
        {
            return null;
        }

        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(icc));
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var lattice = Build(icc);
        if (lattice is not null && Cache.Count < 16)
        {
            Cache.TryAdd(key, lattice);
        }

        return lattice;
    }

    private static float[]? Build(byte[] icc)
    {
        // One row per (b, g), one column per r: Size x Size^2 RGB pixels.
        var rgb = new byte[3 * Size * Size * Size];
        for (var i = 0; i < Size * Size * Size; i++)
        {
            rgb[3 * i] = (byte)(i % Size * Step);
            rgb[3 * i + 1] = (byte)(i / Size % Size * Step);
            rgb[3 * i + 2] = (byte)(i / (Size * Size) * Step);
        }

        try
        {
            using var raw = Image.NewFromMemory(rgb, Size, Size * Size, 3, Enums.BandFormat.Uchar);
            using var srgbTagged = raw.Copy(interpretation: Enums.Interpretation.Srgb);
            using var tagged = srgbTagged.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", icc));
            using var converted = tagged.IccTransform("srgb", embedded: true, depth: 16);
            using var ushorts = converted.Cast(Enums.BandFormat.Ushort);
            var samples = ushorts.WriteToMemory<ushort>();
            if (samples.Length != rgb.Length)
            {
                return null;
            }

            var nodes = new float[4 * Size * Size * Size];
            for (var i = 0; i < Size * Size * Size; i++)
            {
                for (var c = 0; c < 3; c++)
                {
                    nodes[4 * i + c] = samples[3 * i + c] / 257.0f;
                }
            }

            return nodes;
        }
        catch (VipsException)
        {
            return null; // a profile libvips cannot use: the CPU path ignores it too, with a warning
        }
    }
}
