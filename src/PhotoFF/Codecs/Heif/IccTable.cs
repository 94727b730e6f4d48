using System.Collections.Concurrent;
using NetVips;

namespace PhotoFF.Codecs.Heif;

/// <summary>
/// An ICC profile's conversion to sRGB for every 8-bit RGB value, as libvips' icc_transform (the CPU path's conversion)
/// gives it: 16M RGBA8 entries, index r | g &lt;&lt; 8 | b &lt;&lt; 16, for the GPU to look colours up exactly. A lattice
/// with interpolation would be 100 times smaller but is off by up to 12 near the sRGB gamut's edges, where the
/// conversion clips. Built once per profile (about a second on two cores) and kept.
/// </summary>
internal static class IccTable
{
    public const int Entries = 1 << 24;
    private static readonly ConcurrentDictionary<string, Lazy<uint[]?>> Cache = new();

    /// <summary>A key that names the profile (its SHA-256); null when the profile is sRGB and needs no table.</summary>
    public static string? KeyFor(byte[] icc) =>
        ColourManagement.IsSrgbProfile(icc) ? null : "icc:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(icc));

    /// <summary>The table of a profile, or null when libvips cannot use the profile (the CPU path then ignores it too).</summary>
    public static uint[]? For(byte[] icc)
    {
        var key = KeyFor(icc) ?? throw new ArgumentException("An sRGB profile needs no table.", nameof(icc));
        if (Cache.Count > 4)
        {
            Cache.Clear(); // 64 MB each: keep the few profiles of the current batch, not every one ever seen
        }

        return Cache.GetOrAdd(key, _ => new Lazy<uint[]?>(() => Build(icc))).Value;
    }

    private static uint[]? Build(byte[] icc)
    {
        // Every colour once, as a 4096 x 4096 RGB image whose pixel i is colour i.
        var rgb = GC.AllocateUninitializedArray<byte>(3 * Entries);
        for (var i = 0; i < Entries; i++)
        {
            rgb[3 * i] = (byte)i;
            rgb[3 * i + 1] = (byte)(i >> 8);
            rgb[3 * i + 2] = (byte)(i >> 16);
        }

        try
        {
            using var raw = Image.NewFromMemory(rgb, 4096, 4096, 3, Enums.BandFormat.Uchar);
            using var srgbTagged = raw.Copy(interpretation: Enums.Interpretation.Srgb);
            using var tagged = srgbTagged.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", icc));
            using var converted = tagged.IccTransform("srgb", embedded: true, depth: 8);
            var samples = converted.WriteToMemory<byte>();
            if (samples.Length != rgb.Length)
            {
                return null;
            }

            var table = GC.AllocateUninitializedArray<uint>(Entries);
            for (var i = 0; i < Entries; i++)
            {
                table[i] = samples[3 * i] | ((uint)samples[3 * i + 1] << 8) | ((uint)samples[3 * i + 2] << 16) | 0xff000000u;
            }

            return table;
        }
        catch (VipsException)
        {
            return null;
        }
    }
}
