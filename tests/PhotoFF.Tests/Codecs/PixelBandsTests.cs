using PhotoFF.Codecs;

namespace PhotoFF.Tests.Codecs;

/// <summary>The band conversions done while pixels go in and out of libvips, against the plain per-pixel rule, on
/// random bytes and pixel counts around the vector widths (the vector loops and their scalar tails).</summary>
public sealed class PixelBandsTests
{
    public static TheoryData<int> Counts => new() { 0, 1, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 1001 };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Every_band_layout_expands_to_rgba_as_a_band_join_would(int pixels)
    {
        for (int bands = 1; bands <= 4; bands++)
        {
            byte[] samples = Random(pixels * bands, seed: pixels * 7 + bands);
            byte[] rgba = Poisoned(4 * pixels);
            PixelBands.ExpandToRgba(samples, bands, rgba);
            for (int p = 0; p < pixels; p++)
            {
                byte[] expected = bands switch
                {
                    1 => [samples[p], samples[p], samples[p], 255],
                    2 => [samples[2 * p], samples[2 * p], samples[2 * p], samples[2 * p + 1]],
                    3 => [samples[3 * p], samples[3 * p + 1], samples[3 * p + 2], 255],
                    _ => samples[(4 * p)..(4 * p + 4)],
                };
                Assert.True(expected.AsSpan().SequenceEqual(rgba.AsSpan(4 * p, 4)), $"{bands} bands, pixel {p} of {pixels}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Dropping_alpha_keeps_red_green_and_blue(int pixels)
    {
        byte[] rgba = Random(4 * pixels, seed: pixels);
        byte[] rgb = Poisoned(3 * pixels);
        PixelBands.DropAlpha(rgba, rgb);
        for (int p = 0; p < pixels; p++)
        {
            Assert.True(rgba.AsSpan(4 * p, 3).SequenceEqual(rgb.AsSpan(3 * p, 3)), $"pixel {p} of {pixels}");
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void An_image_is_opaque_until_one_pixel_is_not(int pixels)
    {
        byte[] rgba = Random(4 * pixels, seed: pixels + 1);
        for (int p = 0; p < pixels; p++)
        {
            rgba[4 * p + 3] = 255;
        }

        Assert.True(PixelBands.IsOpaque(rgba));
        for (int p = 0; p < pixels; p++)
        {
            rgba[4 * p + 3] = 254;
            Assert.False(PixelBands.IsOpaque(rgba), $"pixel {p} of {pixels} has alpha 254");
            rgba[4 * p + 3] = 255;
        }
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PixelBands.ExpandToRgba(new byte[6], 3, new byte[12]));
        Assert.Throws<ArgumentException>(() => PixelBands.ExpandToRgba(new byte[6], 5, new byte[8]));
        Assert.Throws<ArgumentException>(() => PixelBands.DropAlpha(new byte[8], new byte[5]));
    }

    private static byte[] Random(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Poisoned(int length) => Enumerable.Repeat((byte)0xA5, length).ToArray();
}
