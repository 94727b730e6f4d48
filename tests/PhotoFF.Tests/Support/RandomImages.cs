namespace PhotoFF.Tests.Support;

/// <summary>Random RGBA8 test images with alpha edges: never only zeros or constants.</summary>
public static class RandomImages
{
    /// <summary>Sizes that catch indexing mistakes: single pixels and rows, odd and prime sizes, a wide one.</summary>
    public static TheoryData<int, int> OddSizes => new()
    {
        { 1, 1 }, { 1, 7 }, { 7, 1 }, { 3, 5 }, { 33, 17 }, { 64, 64 }, { 127, 61 }, { 257, 129 }, { 4097, 3 },
    };

    /// <summary>
    /// Random pixels in which a quarter of the image is fully transparent, a quarter fully opaque and the rest random
    /// alpha, in blocks, so that operations meet both alpha edges and noise.
    /// </summary>
    public static byte[] Rgba(int width, int height, int seed)
    {
        Random random = new(seed);
        byte[] pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        int block = Math.Max(1, Math.Min(width, height) / 4);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int region = (x / block + 2 * (y / block)) % 4;
                int i = (y * width + x) * 4;
                if (region == 0)
                {
                    pixels[i + 3] = 0;
                }
                else if (region == 1)
                {
                    pixels[i + 3] = 255;
                }
            }
        }

        return pixels;
    }

    /// <summary>Fully opaque random pixels.</summary>
    public static byte[] Opaque(int width, int height, int seed)
    {
        byte[] pixels = Rgba(width, height, seed);
        for (int i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        return pixels;
    }

    /// <summary>A buffer of recognizable garbage, to poison outputs before an operation writes them.</summary>
    public static byte[] Poison(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(0xA5 ^ i * 31);
        }

        return bytes;
    }
}
